import type * as Graph from '@microsoft/microsoft-graph-types';
import { deterministicId } from '../shared/deterministic-id';
import {
  EXCHANGE_APP_ROLES,
  EXCHANGE_DELEGATED_SCOPES,
  EXCHANGE_ONLINE_APP_ID,
  EXCHANGE_ONLINE_IDENTIFIER,
  type FirstPartyPermission,
  GRAPH_APP_ROLES,
  GRAPH_DELEGATED_SCOPES,
  MICROSOFT_GRAPH_APP_ID,
  MICROSOFT_GRAPH_IDENTIFIER,
} from './first-party-permissions';

/** Microsoft's own tenant, owner of the first-party apps (appOwnerOrganizationId on their service principals). */
const MICROSOFT_SERVICES_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

function appRole(permission: FirstPartyPermission): Graph.AppRole {
  return {
    allowedMemberTypes: ['Application'],
    description: `Allows the app to ${permission.displayName.toLowerCase()} without a signed-in user.`,
    displayName: permission.displayName,
    id: permission.id,
    isEnabled: true,
    origin: 'Application',
    value: permission.value,
  };
}

function permissionScope(permission: FirstPartyPermission & { adminOnly: boolean }): Graph.PermissionScope {
  return {
    adminConsentDescription: `Allows the app to ${permission.displayName.toLowerCase()} on behalf of the signed-in user.`,
    adminConsentDisplayName: permission.displayName,
    id: permission.id,
    isEnabled: true,
    type: permission.adminOnly ? 'Admin' : 'User',
    userConsentDescription: `Allows the app to ${permission.displayName.toLowerCase()} on your behalf.`,
    userConsentDisplayName: permission.displayName,
    value: permission.value,
  };
}

function firstParty(
  tenantId: string,
  appId: string,
  displayName: string,
  identifier: string,
  roles: readonly FirstPartyPermission[],
  scopes: readonly (FirstPartyPermission & { adminOnly: boolean })[],
): Graph.ServicePrincipal & { id: string } {
  return {
    id: deterministicId('first-party-service-principal', tenantId, appId),
    accountEnabled: true,
    appDisplayName: displayName,
    appId,
    appOwnerOrganizationId: MICROSOFT_SERVICES_TENANT_ID,
    appRoleAssignmentRequired: false,
    appRoles: roles.map(appRole),
    displayName,
    keyCredentials: [],
    oauth2PermissionScopes: scopes.map(permissionScope),
    passwordCredentials: [],
    replyUrls: [],
    servicePrincipalNames: [appId, identifier],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMultipleOrgs',
    tags: [],
  };
}

/** Service principals that Microsoft provisions in every tenant for its own APIs. */
export function firstPartyServicePrincipals(tenantId: string): (Graph.ServicePrincipal & { id: string })[] {
  return [
    firstParty(
      tenantId,
      MICROSOFT_GRAPH_APP_ID,
      'Microsoft Graph',
      MICROSOFT_GRAPH_IDENTIFIER,
      GRAPH_APP_ROLES,
      GRAPH_DELEGATED_SCOPES,
    ),
    firstParty(
      tenantId,
      EXCHANGE_ONLINE_APP_ID,
      'Office 365 Exchange Online',
      EXCHANGE_ONLINE_IDENTIFIER,
      EXCHANGE_APP_ROLES,
      EXCHANGE_DELEGATED_SCOPES,
    ),
  ];
}
