import type * as Graph from '@microsoft/microsoft-graph-types';
import type { TenantState } from '../../store/store.types';
import { aadsts } from '../errors/aadsts-catalog';
import { tenantDisplayName } from '../tenant-resolver';

/** Scopes that concern the sign-in itself, not a resource (https://learn.microsoft.com/entra/identity-platform/scopes-oidc#openid-connect-scopes). */
export const OIDC_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'email', 'offline_access']);

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const GRAPH_IDENTIFIER = 'https://graph.microsoft.com';

export interface RequestedScopes {
  oidc: string[];
  /** The resource the access token is for; Graph when only OIDC scopes were asked for. */
  resource: Graph.ServicePrincipal;
  /** The resource as named in the request: becomes the token's `aud` for v1.0 tokens. */
  resourceName: string;
  /** `<resource>/.default`: everything consented, rather than listed scopes. */
  isDefault: boolean;
  /** Delegated permission names asked for explicitly (empty for `.default`). */
  permissions: string[];
}

export function parseScopeParameter(scope: string | undefined): string[] {
  return (scope ?? '').split(/\s+/).filter(Boolean);
}

/**
 * Splits a v2.0 `scope` parameter into OIDC scopes and one resource's permissions
 * (https://learn.microsoft.com/entra/identity-platform/scopes-oidc). A scope without a resource
 * prefix is a Microsoft Graph permission. Only one resource per request is allowed.
 */
export function resolveRequestedScopes(tenant: TenantState, scopes: string[]): RequestedScopes {
  const oidc = scopes.filter((scope) => OIDC_SCOPES.has(scope.toLowerCase()));
  const resourceScopes = scopes
    .filter((scope) => !OIDC_SCOPES.has(scope.toLowerCase()))
    .map(splitResourceScope);
  const resources = new Map<string, Graph.ServicePrincipal>();
  for (const { resourceName } of resourceScopes) {
    const found = findResource(tenant, resourceName);
    if (!found?.id) throw aadsts.resourceNotFound(resourceName, tenantDisplayName(tenant));
    resources.set(found.id, found);
  }
  if (resources.size > 1) throw aadsts.multipleResources(scopes.join(' '));
  const resourceName = resourceScopes[0]?.resourceName ?? GRAPH_APP_ID;
  const resource = findResource(tenant, resourceName);
  if (!resource) throw aadsts.resourceNotFound(resourceName, tenantDisplayName(tenant));
  const isDefault = resourceScopes.some((entry) => entry.permission === '.default');
  if (isDefault && resourceScopes.length > 1) throw aadsts.invalidScope(scopes.join(' '));
  const permissions = isDefault ? [] : resourceScopes.map((entry) => entry.permission);
  const known = new Set((resource.oauth2PermissionScopes ?? []).map((permission) => permission.value));
  const unknown = permissions.find((permission) => !known.has(permission));
  if (unknown) throw aadsts.invalidScope(unknown);
  return { oidc, resource, resourceName, isDefault, permissions };
}

function findResource(tenant: TenantState, resourceName: string): Graph.ServicePrincipal | undefined {
  return (
    tenant.servicePrincipalByIdentifier(resourceName) ??
    tenant.servicePrincipalByIdentifier(resourceName.replace(/\/$/, ''))
  );
}

function splitResourceScope(scope: string): { resourceName: string; permission: string } {
  const slash = scope.lastIndexOf('/');
  if (slash <= 0) return { resourceName: GRAPH_IDENTIFIER, permission: scope };
  return { resourceName: scope.slice(0, slash), permission: scope.slice(slash + 1) };
}

/** `scp` for the token: the permissions asked for, or for `.default` everything the grant covers. */
export function grantedScopeString(requested: RequestedScopes, consented: string[]): string {
  return (requested.isDefault ? consented : requested.permissions).join(' ');
}
