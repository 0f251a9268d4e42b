import type * as Graph from '@microsoft/microsoft-graph-types';
import { randomUUID } from 'node:crypto';
import type { ApplicationDirectory, StoredServicePrincipal } from './application-directory';
import { appRoleAssignmentId, permissionGrantId } from './relationship-ids';

/** What an administrator consented to for the whole organization. */
export interface AdminConsentGrant {
  /** The tenant the app is registered in (`appOwnerOrganizationId` of the new service principal). */
  homeTenantId: string;
  /** Delegated permissions asked for by name, by resource appId; `.default` consents requiredResourceAccess. */
  delegatedByResource?: Map<string, string[]>;
  /** `.default`: every permission in the app's requiredResourceAccess (application and delegated). */
  isDefault: boolean;
  nowIso: string;
}

/**
 * Admin consent (https://learn.microsoft.com/entra/identity-platform/v2-admin-consent): the app's
 * service principal is created in the consenting tenant if it is not there yet, each application
 * permission becomes an appRoleAssignment and the delegated ones one `AllPrincipals` grant per resource.
 * Resources without a service principal in the tenant are skipped. Consenting twice changes nothing.
 */
export function grantAdminConsent(
  apps: ApplicationDirectory,
  application: Graph.Application & { appId: string },
  grant: AdminConsentGrant,
): StoredServicePrincipal {
  const client =
    apps.servicePrincipalByAppId(application.appId) ??
    apps.addServicePrincipal(servicePrincipalFor(application, grant.homeTenantId));
  const delegated = new Map(grant.delegatedByResource ?? []);
  if (grant.isDefault) {
    for (const required of application.requiredResourceAccess ?? []) {
      const resource = required.resourceAppId
        ? apps.servicePrincipalByAppId(required.resourceAppId)
        : undefined;
      if (!resource) continue;
      for (const access of required.resourceAccess ?? []) {
        if (access.type === 'Role') assignRole(apps, client, resource, access.id ?? '', grant.nowIso);
        const scope = resource.oauth2PermissionScopes?.find((candidate) => candidate.id === access.id)?.value;
        if (access.type === 'Scope' && scope)
          delegated.set(resource.appId, [...(delegated.get(resource.appId) ?? []), scope]);
      }
    }
  }
  for (const [resourceAppId, scopes] of delegated) {
    const resource = apps.servicePrincipalByAppId(resourceAppId);
    if (resource) grantDelegated(apps, client, resource, scopes);
  }
  return client;
}

function servicePrincipalFor(application: Graph.Application, homeTenantId: string): Graph.ServicePrincipal {
  return {
    id: randomUUID(),
    accountEnabled: true,
    appDisplayName: application.displayName ?? null,
    appId: application.appId,
    appOwnerOrganizationId: homeTenantId,
    appRoleAssignmentRequired: false,
    appRoles: application.appRoles ?? [],
    displayName: application.displayName ?? null,
    oauth2PermissionScopes: application.api?.oauth2PermissionScopes ?? [],
    replyUrls: [...(application.web?.redirectUris ?? []), ...(application.spa?.redirectUris ?? [])],
    servicePrincipalNames: [application.appId ?? '', ...(application.identifierUris ?? [])].filter(Boolean),
    servicePrincipalType: 'Application',
    signInAudience: application.signInAudience ?? null,
    tags: [],
  };
}

function assignRole(
  apps: ApplicationDirectory,
  client: StoredServicePrincipal,
  resource: StoredServicePrincipal,
  appRoleId: string,
  nowIso: string,
): void {
  if (!resource.appRoles?.some((role) => role.id === appRoleId)) return;
  const held = apps
    .assignmentsHeldBy(client.id)
    .some((assignment) => assignment.resourceId === resource.id && assignment.appRoleId === appRoleId);
  if (held) return;
  apps.addAppRoleAssignment({
    id: appRoleAssignmentId(client.id),
    appRoleId,
    createdDateTime: nowIso,
    principalDisplayName: client.displayName ?? null,
    principalId: client.id,
    principalType: 'ServicePrincipal',
    resourceDisplayName: resource.displayName ?? null,
    resourceId: resource.id,
  });
}

function grantDelegated(
  apps: ApplicationDirectory,
  client: StoredServicePrincipal,
  resource: StoredServicePrincipal,
  scopes: string[],
): void {
  const existing = apps
    .allGrants()
    .find(
      (candidate) =>
        candidate.clientId === client.id &&
        candidate.resourceId === resource.id &&
        candidate.consentType === 'AllPrincipals',
    );
  const merged = [...new Set([...(existing?.scope ?? '').split(' ').filter(Boolean), ...scopes])].join(' ');
  if (existing) {
    existing.scope = merged;
    return;
  }
  apps.addGrant({
    id: permissionGrantId(client.id, resource.id),
    clientId: client.id,
    consentType: 'AllPrincipals',
    principalId: null,
    resourceId: resource.id,
    scope: merged,
  });
}
