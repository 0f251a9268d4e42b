import type * as Graph from '@microsoft/microsoft-graph-types';
import type { FixtureUser } from '../../fixture/fixture.types';
import type { TenantState } from '../../store/store.types';
import { aadsts } from '../errors/aadsts-catalog';
import type { RegisteredClient } from '../clients/registered-client';
import type { RequestedScopes } from './requested-scopes';
import { CONSENT_GRANTING_ROLE_TEMPLATE_IDS } from '../clients/well-known-clients';

/** Every member gets the "User" role template in `wids`, as Microsoft includes it. */
const DEFAULT_USER_ROLE_TEMPLATE_ID = 'b79fbf4d-3ef9-4689-8143-76b194e85509';

/**
 * The delegated permissions the user may use through this client: oauth2PermissionGrants of the
 * client's service principal for the resource, for all users (`AllPrincipals`, admin consent) or for
 * this user (`Principal`) (https://learn.microsoft.com/graph/api/resources/oauth2permissiongrant).
 * An administrator signing in to one of Microsoft's first-party tools consents at the prompt.
 */
export function consentedPermissions(
  client: RegisteredClient,
  user: FixtureUser,
  requested: RequestedScopes,
  resourceApplication?: Graph.Application,
): string[] {
  const tenant = client.tenant;
  const preAuthorized = preAuthorizedPermissions(client, requested, resourceApplication);
  if (client.isWellKnownPublicClient && isConsentingAdministrator(tenant, user)) {
    return (requested.resource.oauth2PermissionScopes ?? []).flatMap((scope) =>
      scope.value ? [scope.value] : [],
    );
  }
  if (!client.servicePrincipalId) return preAuthorized;
  const grants = tenant
    .delegatedGrantsOf(client.servicePrincipalId)
    .filter((grant) => grant.resourceId === requested.resource.id)
    .filter(
      (grant) =>
        grant.consentType === 'AllPrincipals' ||
        (grant.consentType === 'Principal' && grant.principalId === user.id),
    );
  return [
    ...new Set([
      ...preAuthorized,
      ...grants.flatMap((grant) => (grant.scope ?? '').split(/\s+/).filter(Boolean)),
    ]),
  ];
}

/**
 * Clients the API lists in `api.preAuthorizedApplications` need no consent for those scopes
 * (https://learn.microsoft.com/graph/api/resources/preauthorizedapplication).
 */
function preAuthorizedPermissions(
  client: RegisteredClient,
  requested: RequestedScopes,
  resourceApplication: Graph.Application | undefined,
): string[] {
  const ids =
    resourceApplication?.api?.preAuthorizedApplications?.find(
      (entry) => entry.appId?.toLowerCase() === client.appId.toLowerCase(),
    )?.delegatedPermissionIds ?? [];
  return (requested.resource.oauth2PermissionScopes ?? []).flatMap((scope) =>
    scope.id && ids.includes(scope.id) && scope.value ? [scope.value] : [],
  );
}

/**
 * Microsoft answers a delegated token request without consent with `invalid_grant`, AADSTS65001 and
 * `suberror: consent_required` (https://learn.microsoft.com/entra/identity-platform/reference-error-codes).
 * Returns the `scp` value on success.
 */
export function requireDelegatedConsent(
  client: RegisteredClient,
  user: FixtureUser,
  requested: RequestedScopes,
  resourceApplication?: Graph.Application,
): string {
  const consented = consentedPermissions(client, user, requested, resourceApplication);
  const missing = requested.permissions.filter(
    (permission) => !consented.some((granted) => granted.toLowerCase() === permission.toLowerCase()),
  );
  if (missing.length > 0 || (requested.isDefault && consented.length === 0)) {
    throw aadsts.consentRequired(client.appId, client.displayName);
  }
  const permissions = requested.isDefault ? consented : requested.permissions;
  const oidc = requested.oidc.filter((scope) => scope !== 'offline_access');
  return [...permissions, ...oidc].join(' ');
}

export function directoryRoleIds(tenant: TenantState, user: FixtureUser): string[] {
  return [...new Set([...tenant.directoryRolesOf(user.id), DEFAULT_USER_ROLE_TEMPLATE_ID])];
}

function isConsentingAdministrator(tenant: TenantState, user: FixtureUser): boolean {
  return tenant.directoryRolesOf(user.id).some((roleId) => CONSENT_GRANTING_ROLE_TEMPLATE_IDS.has(roleId));
}
