import { randomUUID } from 'node:crypto';
import { appRoleAssignmentId } from '../store/relationship-ids';
import { EXCHANGE_ONLINE_APP_ID, MICROSOFT_GRAPH_APP_ID } from '../store/first-party-permissions';
import type { StoredApplication, StoredServicePrincipal } from '../store/application-directory';
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

interface ConsentedAppRequest {
  displayName: string;
  secret: string;
  wanted: { resourceAppId: string; role: string }[];
}

interface ResolvedRole {
  resource: StoredServicePrincipal;
  appRoleId: string;
  role: string;
}

/**
 * Emulator shortcut for demos and benchmarks: an app registration with a client secret, its service
 * principal and admin consent to the given application permissions, in one call. The secret is taken
 * from the caller and never returned. Everything is checked before anything is created.
 */
export function registerConsentedApp(tenant: MemoryTenant, body: unknown): RegisteredApp {
  const request = readConsentedAppRequest(body);
  const roles = request.wanted.map((wanted) => resolveRole(tenant, wanted));
  const application = createApplication(tenant, request);
  const servicePrincipal = createServicePrincipal(tenant, application.appId, request.displayName);
  for (const role of roles) assignRole(tenant, servicePrincipal, role);
  return {
    appId: application.appId,
    applicationId: application.id,
    servicePrincipalId: servicePrincipal.id,
    roles: roles.map((role) => role.role),
  };
}

function readConsentedAppRequest(body: unknown): ConsentedAppRequest {
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
  return { displayName, secret, wanted };
}

function resolveRole(tenant: MemoryTenant, wanted: { resourceAppId: string; role: string }): ResolvedRole {
  const resource = tenant.apps.servicePrincipalByAppId(wanted.resourceAppId);
  const appRole = resource?.appRoles?.find((candidate) => candidate.value === wanted.role);
  if (!resource || !appRole?.id)
    throw new ControlError(
      400,
      'invalid_request',
      `'${wanted.role}' is not an application permission of ${resource?.displayName ?? wanted.resourceAppId}.`,
    );
  return { resource, appRoleId: appRole.id, role: wanted.role };
}

function createApplication(tenant: MemoryTenant, request: ConsentedAppRequest): StoredApplication {
  const now = tenant.clock.now();
  return tenant.apps.addApplication({
    id: randomUUID(),
    appId: randomUUID(),
    displayName: request.displayName,
    signInAudience: 'AzureADMyOrg',
    createdDateTime: new Date(now).toISOString(),
    keyCredentials: [],
    passwordCredentials: [
      {
        keyId: randomUUID(),
        displayName: 'emulator',
        hint: request.secret.slice(0, 3),
        secretText: request.secret,
        startDateTime: new Date(now - 60_000).toISOString(),
        endDateTime: new Date(now + YEAR_MS).toISOString(),
      },
    ],
    requiredResourceAccess: [],
  });
}

function createServicePrincipal(
  tenant: MemoryTenant,
  appId: string,
  displayName: string,
): StoredServicePrincipal {
  return tenant.apps.addServicePrincipal({
    id: randomUUID(),
    appId,
    accountEnabled: true,
    appDisplayName: displayName,
    appOwnerOrganizationId: tenant.id,
    appRoles: [],
    displayName,
    oauth2PermissionScopes: [],
    servicePrincipalNames: [appId],
    servicePrincipalType: 'Application',
  });
}

function assignRole(
  tenant: MemoryTenant,
  servicePrincipal: StoredServicePrincipal,
  role: ResolvedRole,
): void {
  tenant.apps.addAppRoleAssignment({
    id: appRoleAssignmentId(servicePrincipal.id),
    appRoleId: role.appRoleId,
    createdDateTime: tenant.clock.nowIso(),
    principalDisplayName: servicePrincipal.displayName ?? null,
    principalId: servicePrincipal.id,
    principalType: 'ServicePrincipal',
    resourceDisplayName: role.resource.displayName ?? null,
    resourceId: role.resource.id,
  });
}
