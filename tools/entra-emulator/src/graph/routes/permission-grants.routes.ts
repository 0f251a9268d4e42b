import type { StoredPermissionGrant } from '../../store/application-directory';
import { badRequest, resourceNotFound } from '../core/graph-error';
import { permissionGrantId } from '../../store/relationship-ids';
import { PERMISSIONS, requireConsentAdmin } from '../core/graph-permissions';
import type { AuthorizedCall, GraphResponse } from '../core/graph-request';
import { route, type GraphRoute } from '../core/graph-route';
import { PERMISSION_GRANT_FILTERS } from '../odata/filter-specs';
import { listPage } from '../odata/list-page';
import { contextUrl } from '../odata/paging';
import { parseSelect, project } from '../odata/projection';
import { filterOf } from '../odata/query-filter';
import {
  invalidValue,
  type JsonObject,
  rejectUnexpected,
  requireGuid,
  requireObject,
} from '../validation/body-checks';

const RESOURCE = 'OAuth2PermissionGrant';

function requireGrant(call: AuthorizedCall): StoredPermissionGrant {
  const grant = call.tenant.apps.grantById(call.params['id']);
  if (!grant) throw resourceNotFound(call.params['id']);
  return grant;
}

/** `scope` is a space-separated list of the resource's delegated permission values. */
function checkScope(call: AuthorizedCall, body: JsonObject, resourceId: string): string {
  const scope = body['scope'];
  if (typeof scope !== 'string' || !scope.trim())
    invalidValue(
      'scope',
      RESOURCE,
      "expected the delegated permissions separated by spaces, e.g. 'openid profile User.Read'.",
    );
  const resource = call.tenant.apps.servicePrincipalById(resourceId);
  const known = new Set((resource?.oauth2PermissionScopes ?? []).map((permission) => permission.value));
  const unknown = scope.split(' ').filter((value) => value && !known.has(value));
  if (unknown.length > 0)
    invalidValue(
      'scope',
      RESOURCE,
      `${unknown.join(', ')} is not a delegated permission of ${resource?.displayName ?? resourceId}.`,
    );
  return scope.trim();
}

/**
 * Delegated consent: `consentType` "AllPrincipals" (admin consent for everyone, principalId null) or
 * "Principal" (one user) (https://learn.microsoft.com/graph/api/oauth2permissiongrant-post).
 */
function createGrant(call: AuthorizedCall): GraphResponse {
  const { request, tenant, claims } = call;
  requireConsentAdmin(claims);
  const body = requireObject(request.body, RESOURCE);
  rejectUnexpected(
    body,
    ['clientId', 'consentType', 'principalId', 'resourceId', 'scope', 'startTime', 'expiryTime'],
    ['id'],
    'oAuth2PermissionGrant',
  );
  const clientId = requireGuid(body, 'clientId', RESOURCE);
  const resourceId = requireGuid(body, 'resourceId', RESOURCE);
  if (!tenant.apps.servicePrincipalById(clientId))
    throw badRequest(`clientId '${clientId}' is not the id of a service principal in this tenant.`);
  if (!tenant.apps.servicePrincipalById(resourceId))
    throw badRequest(`resourceId '${resourceId}' is not the id of a service principal in this tenant.`);
  const consentType = body['consentType'];
  if (consentType !== 'AllPrincipals' && consentType !== 'Principal')
    invalidValue('consentType', RESOURCE, "expected 'AllPrincipals' or 'Principal'.");
  let principalId: string | null = null;
  if (consentType === 'Principal') {
    principalId = requireGuid(body, 'principalId', RESOURCE);
    if (!tenant.users.byObjectId(principalId))
      throw badRequest(`principalId '${principalId}' is not a user of this tenant.`);
  } else if (body['principalId'] !== undefined && body['principalId'] !== null) {
    invalidValue('principalId', RESOURCE, "must be null when consentType is 'AllPrincipals'.");
  }
  const scope = checkScope(call, body, resourceId);
  const duplicate = tenant.apps
    .allGrants()
    .some(
      (grant) =>
        grant.clientId === clientId &&
        grant.resourceId === resourceId &&
        grant.consentType === consentType &&
        (grant.principalId ?? null) === principalId,
    );
  if (duplicate)
    throw badRequest('Permission entry already exists. Update the existing grant with PATCH instead.');
  const grant = tenant.apps.addGrant({
    id: permissionGrantId(clientId, resourceId, principalId),
    clientId,
    consentType,
    principalId,
    resourceId,
    scope,
  });
  return {
    status: 201,
    headers: { location: `${request.serviceRoot}/oauth2PermissionGrants/${grant.id}` },
    body: {
      '@odata.context': contextUrl(request.serviceRoot, 'oauth2PermissionGrants', undefined, true),
      ...project('oAuth2PermissionGrant', grant, undefined),
    },
  };
}

function listGrants(call: AuthorizedCall): GraphResponse {
  const select = parseSelect(call.request.query.get('$select'), 'oAuth2PermissionGrant');
  return listPage(call, call.tenant.apps.allGrants(), {
    path: 'oauth2PermissionGrants',
    entitySet: 'oauth2PermissionGrants',
    select,
    filter: filterOf(call.request, PERMISSION_GRANT_FILTERS),
    count: false,
    project: (grant) => project('oAuth2PermissionGrant', grant, select),
  });
}

function getGrant(call: AuthorizedCall): GraphResponse {
  const select = parseSelect(call.request.query.get('$select'), 'oAuth2PermissionGrant');
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(call.request.serviceRoot, 'oauth2PermissionGrants', select, true),
      ...project('oAuth2PermissionGrant', requireGrant(call), select),
    },
  };
}

function updateGrant(call: AuthorizedCall): GraphResponse {
  requireConsentAdmin(call.claims);
  const grant = requireGrant(call);
  const body = requireObject(call.request.body, RESOURCE);
  rejectUnexpected(
    body,
    ['scope'],
    ['id', 'clientId', 'consentType', 'principalId', 'resourceId'],
    'oAuth2PermissionGrant',
  );
  grant.scope = checkScope(call, body, grant.resourceId);
  return { status: 204 };
}

function deleteGrant(call: AuthorizedCall): GraphResponse {
  requireConsentAdmin(call.claims);
  call.tenant.apps.deleteGrant(requireGrant(call).id);
  return { status: 204 };
}

export const PERMISSION_GRANT_ROUTES: GraphRoute[] = [
  route('GET', 'oauth2PermissionGrants', PERMISSIONS.readPermissionGrants, listGrants),
  route('POST', 'oauth2PermissionGrants', PERMISSIONS.writePermissionGrants, createGrant),
  route('GET', 'oauth2PermissionGrants/:id', PERMISSIONS.readPermissionGrants, getGrant),
  route('PATCH', 'oauth2PermissionGrants/:id', PERMISSIONS.writePermissionGrants, updateGrant),
  route('DELETE', 'oauth2PermissionGrants/:id', PERMISSIONS.writePermissionGrants, deleteGrant),
];
