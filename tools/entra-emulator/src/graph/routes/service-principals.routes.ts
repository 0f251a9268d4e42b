import { randomUUID } from 'node:crypto';
import type { StoredServicePrincipal } from '../../store/application-directory';
import { badRequest, resourceNotFound } from '../core/graph-error';
import { PERMISSIONS } from '../core/graph-permissions';
import type { AuthorizedCall, GraphResponse } from '../core/graph-request';
import { route, type GraphRoute } from '../core/graph-route';
import { SERVICE_PRINCIPAL_FILTERS } from '../odata/filter-specs';
import { listPage } from '../odata/list-page';
import { contextUrl } from '../odata/paging';
import { parseSelect, project } from '../odata/projection';
import { filterOf, wantsCount } from '../odata/query-filter';
import {
  optionalBoolean,
  optionalStringArray,
  rejectUnexpected,
  requireGuid,
  requireObject,
} from '../validation/body-checks';

export function requireServicePrincipal(call: AuthorizedCall, idParameter = 'id'): StoredServicePrincipal {
  const { tenant, params } = call;
  // `servicePrincipals(appId='')` names an empty key: not found, like any other unknown key.
  const servicePrincipal = Object.hasOwn(params, 'appId')
    ? tenant.apps.servicePrincipalByAppId(params['appId'])
    : tenant.apps.servicePrincipalById(params[idParameter]);
  if (!servicePrincipal) throw resourceNotFound(params['appId'] ?? params[idParameter]);
  return servicePrincipal;
}

/** As for applications, `key` only on a single service principal with `$select=keyCredentials`. */
function projectServicePrincipal(
  servicePrincipal: StoredServicePrincipal,
  select: string[] | undefined,
  single: boolean,
): Record<string, unknown> {
  const projected = project('servicePrincipal', servicePrincipal, select);
  if ('keyCredentials' in projected && !(single && select?.includes('keyCredentials')))
    projected['keyCredentials'] = (servicePrincipal.keyCredentials ?? []).map((key) => ({
      ...key,
      key: null,
    }));
  return projected;
}

function listServicePrincipals(call: AuthorizedCall): GraphResponse {
  const select = parseSelect(call.request.query.get('$select'), 'servicePrincipal');
  return listPage(call, call.tenant.apps.allServicePrincipals(), {
    path: 'servicePrincipals',
    entitySet: 'servicePrincipals',
    select,
    filter: filterOf(call.request, SERVICE_PRINCIPAL_FILTERS),
    count: wantsCount(call.request),
    project: (servicePrincipal) => projectServicePrincipal(servicePrincipal, select, false),
  });
}

function getServicePrincipal(call: AuthorizedCall): GraphResponse {
  const select = parseSelect(call.request.query.get('$select'), 'servicePrincipal');
  const servicePrincipal = requireServicePrincipal(call);
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(call.request.serviceRoot, 'servicePrincipals', select, true),
      ...projectServicePrincipal(servicePrincipal, select, true),
    },
  };
}

/** `POST /servicePrincipals {appId}`: instantiates an app registration of this tenant. */
function createServicePrincipal(call: AuthorizedCall): GraphResponse {
  const { request, tenant } = call;
  const body = requireObject(request.body, 'servicePrincipal');
  rejectUnexpected(
    body,
    ['appId', 'accountEnabled', 'appRoleAssignmentRequired', 'tags', 'notes', 'description'],
    ['id', 'appOwnerOrganizationId', 'servicePrincipalNames'],
    'servicePrincipal',
  );
  const appId = requireGuid(body, 'appId', 'servicePrincipal');
  const application = tenant.apps.applicationByAppId(appId);
  if (!application) {
    throw badRequest(
      `The appId '${appId}' of the service principal does not reference a valid application object. Create the application first.`,
    );
  }
  const stored = tenant.apps.addServicePrincipal({
    id: randomUUID(),
    accountEnabled: optionalBoolean(body, 'accountEnabled', 'servicePrincipal') ?? true,
    addIns: [],
    alternativeNames: [],
    appDescription: application.description ?? null,
    appDisplayName: application.displayName ?? null,
    appId,
    appOwnerOrganizationId: tenant.id,
    appRoleAssignmentRequired:
      optionalBoolean(body, 'appRoleAssignmentRequired', 'servicePrincipal') ?? false,
    appRoles: application.appRoles ?? [],
    deletedDateTime: null,
    description: null,
    displayName: application.displayName ?? null,
    info: application.info ?? null,
    keyCredentials: [],
    notes: typeof body['notes'] === 'string' ? body['notes'] : null,
    notificationEmailAddresses: [],
    oauth2PermissionScopes: application.api?.oauth2PermissionScopes ?? [],
    passwordCredentials: [],
    replyUrls: application.web?.redirectUris ?? [],
    resourceSpecificApplicationPermissions: [],
    servicePrincipalNames: [appId, ...(application.identifierUris ?? [])],
    servicePrincipalType: 'Application',
    signInAudience: application.signInAudience ?? 'AzureADMyOrg',
    tags: optionalStringArray(body, 'tags', 'servicePrincipal') ?? [],
  });
  return {
    status: 201,
    headers: { location: `${request.serviceRoot}/servicePrincipals/${stored.id}` },
    body: {
      '@odata.context': contextUrl(request.serviceRoot, 'servicePrincipals', undefined, true),
      ...projectServicePrincipal(stored, undefined, true),
    },
  };
}

function deleteServicePrincipal(call: AuthorizedCall): GraphResponse {
  call.tenant.apps.deleteServicePrincipal(requireServicePrincipal(call).id);
  return { status: 204 };
}

export const SERVICE_PRINCIPAL_ROUTES: GraphRoute[] = [
  route('GET', 'servicePrincipals', PERMISSIONS.readApplications, listServicePrincipals),
  route('POST', 'servicePrincipals', PERMISSIONS.writeApplications, createServicePrincipal),
  route('GET', 'servicePrincipals/:id', PERMISSIONS.readApplications, getServicePrincipal),
  route('GET', 'servicePrincipals/(appId)/:appId', PERMISSIONS.readApplications, getServicePrincipal),
  route('DELETE', 'servicePrincipals/:id', PERMISSIONS.writeApplications, deleteServicePrincipal),
];
