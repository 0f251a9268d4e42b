import type * as Graph from '@microsoft/microsoft-graph-types';
import { randomUUID } from 'node:crypto';
import { badRequest } from '../core/graph-error';
import { invalidValue, isGuid, optionalArray, rejectUnexpected, requireObject } from './body-checks';

const RESOURCE = 'apiApplication';

/**
 * `identifierUris` under Entra's default app instance property lock and URI policy: `api://{appId}`,
 * `api://{tenantId}/...` or an https URI on one of the tenant's verified domains
 * (https://learn.microsoft.com/entra/identity-platform/reference-app-manifest#identifieruris-attribute).
 */
export function checkIdentifierUris(
  uris: readonly string[],
  appId: string,
  tenantId: string,
  verifiedDomains: readonly string[],
): void {
  for (const uri of uris) {
    const lower = uri.toLowerCase();
    const apiScheme =
      lower === `api://${appId}` ||
      lower.startsWith(`api://${appId}/`) ||
      lower.startsWith(`api://${tenantId}/`);
    let onVerifiedDomain = false;
    try {
      const url = new URL(uri);
      onVerifiedDomain =
        url.protocol === 'https:' &&
        verifiedDomains.some((domain) => url.hostname === domain || url.hostname.endsWith(`.${domain}`));
    } catch {
      onVerifiedDomain = false;
    }
    if (!apiScheme && !onVerifiedDomain)
      throw badRequest(
        `Values of identifierUris property must use a verified domain of the organization or its subdomain: '${uri}'`,
        'HostNameNotOnVerifiedDomain',
      );
  }
}

function permissionScope(value: unknown, index: number): Graph.PermissionScope {
  const scope = requireObject(value, 'permissionScope');
  const property = (name: string) => `api.oauth2PermissionScopes[${index}].${name}`;
  if (!isGuid(scope['id'])) invalidValue(property('id'), RESOURCE, 'expected a new GUID for the scope.');
  if (typeof scope['value'] !== 'string' || !/^[^\s/]+$/.test(scope['value']))
    invalidValue(property('value'), RESOURCE, "expected the scope name, e.g. 'access_as_user' (no spaces).");
  const type = scope['type'] ?? 'User';
  if (type !== 'User' && type !== 'Admin')
    invalidValue(property('type'), RESOURCE, "expected 'User' or 'Admin' (who may consent).");
  const text = (name: string): string | null =>
    typeof scope[name] === 'string' ? (scope[name] as string) : null;
  return {
    adminConsentDescription: text('adminConsentDescription'),
    adminConsentDisplayName: text('adminConsentDisplayName'),
    id: scope['id'].toLowerCase(),
    isEnabled: scope['isEnabled'] !== false,
    type,
    userConsentDescription: text('userConsentDescription'),
    userConsentDisplayName: text('userConsentDisplayName'),
    value: scope['value'],
  };
}

function preAuthorized(value: unknown, index: number, scopeIds: Set<string>): Graph.PreAuthorizedApplication {
  const entry = requireObject(value, 'preAuthorizedApplication');
  const property = (name: string) => `api.preAuthorizedApplications[${index}].${name}`;
  if (!isGuid(entry['appId']))
    invalidValue(property('appId'), RESOURCE, "expected the client's appId (GUID).");
  const ids = entry['delegatedPermissionIds'];
  if (!Array.isArray(ids) || ids.some((id) => !isGuid(id) || !scopeIds.has(String(id).toLowerCase())))
    invalidValue(
      property('delegatedPermissionIds'),
      RESOURCE,
      'expected ids of scopes defined in api.oauth2PermissionScopes.',
    );
  return {
    appId: entry['appId'].toLowerCase(),
    delegatedPermissionIds: ids.map((id) => String(id).toLowerCase()),
  };
}

/**
 * The `api` of an application (https://learn.microsoft.com/graph/api/resources/apiapplication): the
 * delegated scopes it exposes, the clients pre-authorized for them (no consent prompt) and the access
 * token version it accepts (2 for v2 tokens: `aud` is the appId, `azp` the client).
 */
export function apiChanges(
  value: unknown,
  current: Graph.ApiApplication | null | undefined,
): Graph.ApiApplication {
  const api = requireObject(value, RESOURCE);
  rejectUnexpected(
    api,
    [
      'oauth2PermissionScopes',
      'preAuthorizedApplications',
      'requestedAccessTokenVersion',
      'knownClientApplications',
      'acceptMappedClaims',
    ],
    [],
    RESOURCE,
  );
  const scopes =
    optionalArray(api, 'oauth2PermissionScopes', RESOURCE)?.map(permissionScope) ??
    current?.oauth2PermissionScopes ??
    [];
  const scopeIds = new Set(scopes.map((scope) => scope.id ?? randomUUID()));
  const version = api['requestedAccessTokenVersion'];
  if (version !== undefined && version !== null && version !== 1 && version !== 2)
    invalidValue('api.requestedAccessTokenVersion', RESOURCE, 'expected 1, 2 or null.');
  return {
    acceptMappedClaims:
      typeof api['acceptMappedClaims'] === 'boolean'
        ? api['acceptMappedClaims']
        : (current?.acceptMappedClaims ?? null),
    knownClientApplications: current?.knownClientApplications ?? [],
    oauth2PermissionScopes: scopes,
    preAuthorizedApplications:
      optionalArray(api, 'preAuthorizedApplications', RESOURCE)?.map((entry, index) =>
        preAuthorized(entry, index, scopeIds),
      ) ??
      current?.preAuthorizedApplications ??
      [],
    requestedAccessTokenVersion:
      version === undefined ? (current?.requestedAccessTokenVersion ?? null) : (version as number | null),
  };
}
