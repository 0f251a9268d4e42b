import { randomUUID } from 'node:crypto';
import { appRoleAssignmentId } from '../store/relationship-ids';
import { EXCHANGE_ONLINE_APP_ID, MICROSOFT_GRAPH_APP_ID } from '../store/first-party-permissions';
import type { MemoryTenant } from '../store/memory-tenant';
import { ControlError } from './directory-control-errors';
import { objectBody } from './directory-control-bodies';

const YEAR_MS = 365 * 86_400_000;

export interface RegisteredApp {
  appId: string;
  applicationId: string;
  servicePrincipalId: string;
  roles: string[];
}

function roleValues(value: unknown, name: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    throw new ControlError(400, 'invalid_request', `${name} must be an array of permission names.`);
  return value as string[];
}

/**
 * Emulator shortcut for demos and benchmarks: an app registration with a client secret, its service
 * principal and admin consent to the given application permissions, in one call. The secret is taken
 * from the caller and never returned.
 */
export function registerConsentedApp(tenant: MemoryTenant, body: unknown): RegisteredApp {
  const input = objectBody(
    body,
    '{"displayName": "Bench client", "clientSecret": "at-least-16-characters", "graphRoles": ["Directory.Read.All"]}',
  );
  const displayName = input['displayName'];
  const secret = input['clientSecret'];
  if (typeof displayName !== 'string' || !displayName.trim())
    throw new ControlError(400, 'invalid_request', 'displayName is required.');
  if (typeof secret !== 'string' || secret.length < 16)
    throw new ControlError(
      400,
      'invalid_request',
      'clientSecret must be a string of at least 16 characters.',
    );
  const wanted = [
    ...roleValues(input['graphRoles'], 'graphRoles').map((role) => ({
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      role,
    })),
    ...roleValues(input['exchangeRoles'], 'exchangeRoles').map((role) => ({
      resourceAppId: EXCHANGE_ONLINE_APP_ID,
      role,
    })),
  ];
  const grants = wanted.map(({ resourceAppId, role }) => {
    const resource = tenant.apps.servicePrincipalByAppId(resourceAppId);
    const appRole = resource?.appRoles?.find((candidate) => candidate.value === role);
    if (!resource || !appRole?.id)
      throw new ControlError(
        400,
        'invalid_request',
        `'${role}' is not an application permission of ${resource?.displayName ?? resourceAppId}.`,
      );
    return { resource, appRoleId: appRole.id, role };
  });

  const now = tenant.clock.now();
  const application = tenant.apps.addApplication({
    id: randomUUID(),
    appId: randomUUID(),
    displayName,
    signInAudience: 'AzureADMyOrg',
    createdDateTime: new Date(now).toISOString(),
    keyCredentials: [],
    passwordCredentials: [
      {
        keyId: randomUUID(),
        displayName: 'emulator',
        hint: secret.slice(0, 3),
        secretText: secret,
        startDateTime: new Date(now - 60_000).toISOString(),
        endDateTime: new Date(now + YEAR_MS).toISOString(),
      },
    ],
    requiredResourceAccess: [],
  });
  const servicePrincipal = tenant.apps.addServicePrincipal({
    id: randomUUID(),
    appId: application.appId,
    accountEnabled: true,
    appDisplayName: displayName,
    appOwnerOrganizationId: tenant.id,
    appRoles: [],
    displayName,
    oauth2PermissionScopes: [],
    servicePrincipalNames: [application.appId],
    servicePrincipalType: 'Application',
  });
  for (const grant of grants) {
    tenant.apps.addAppRoleAssignment({
      id: appRoleAssignmentId(servicePrincipal.id),
      appRoleId: grant.appRoleId,
      createdDateTime: new Date(now).toISOString(),
      principalDisplayName: displayName,
      principalId: servicePrincipal.id,
      principalType: 'ServicePrincipal',
      resourceDisplayName: grant.resource.displayName ?? null,
      resourceId: grant.resource.id,
    });
  }
  return {
    appId: application.appId,
    applicationId: application.id,
    servicePrincipalId: servicePrincipal.id,
    roles: grants.map((grant) => grant.role),
  };
}
