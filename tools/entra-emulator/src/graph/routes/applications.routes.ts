import { randomUUID } from 'node:crypto';
import type { MemoryTenant } from '../../store/memory-tenant';
import type { StoredApplication } from '../../store/application-directory';
import { PERMISSIONS } from '../core/graph-permissions';
import type { AuthorizedCall, GraphResponse } from '../core/graph-request';
import { route, type GraphRoute } from '../core/graph-route';
import { APPLICATION_FILTERS } from '../odata/filter-specs';
import { listPage } from '../odata/list-page';
import { contextUrl } from '../odata/paging';
import { parseSelect, project } from '../odata/projection';
import { filterOf, wantsCount } from '../odata/query-filter';
import { applicationChanges } from '../validation/application-body';
import { requireNonEmptyString, requireObject } from '../validation/body-checks';
import { checkIdentifierUris } from '../validation/exposed-api';
import { withoutKeys } from '../validation/key-credentials';
import { requireApplication } from './application-lookup';

/**
 * Certificates' `key` is returned only when `keyCredentials` is selected on a single application
 * (`GET applications/{id}?$select=keyCredentials`); in lists it is always null
 * (https://learn.microsoft.com/graph/api/resources/keycredential, property `key`).
 */
function projectApplication(
  application: StoredApplication,
  select: string[] | undefined,
  single: boolean,
): Record<string, unknown> {
  const projected = project('application', application, select);
  if ('keyCredentials' in projected && !(single && select?.includes('keyCredentials')))
    projected['keyCredentials'] = withoutKeys(application.keyCredentials);
  return projected;
}

function newApplication(tenant: MemoryTenant, createdDateTime: string): StoredApplication {
  return {
    id: randomUUID(),
    appId: randomUUID(),
    addIns: [],
    api: {
      acceptMappedClaims: null,
      knownClientApplications: [],
      oauth2PermissionScopes: [],
      preAuthorizedApplications: [],
      requestedAccessTokenVersion: null,
    },
    appRoles: [],
    createdDateTime,
    deletedDateTime: null,
    description: null,
    displayName: null,
    groupMembershipClaims: null,
    identifierUris: [],
    info: {
      logoUrl: null,
      marketingUrl: null,
      privacyStatementUrl: null,
      supportUrl: null,
      termsOfServiceUrl: null,
    },
    isFallbackPublicClient: null,
    keyCredentials: [],
    notes: null,
    passwordCredentials: [],
    publicClient: { redirectUris: [] },
    publisherDomain:
      tenant.domainNames().find((name) => name.endsWith('.onmicrosoft.com')) ??
      tenant.domainNames()[0] ??
      null,
    requiredResourceAccess: [],
    signInAudience: 'AzureADMyOrg',
    spa: { redirectUris: [] },
    tags: [],
    web: {
      homePageUrl: null,
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
      logoutUrl: null,
      redirectUris: [],
      redirectUriSettings: [],
    },
  };
}

function listApplications(call: AuthorizedCall): GraphResponse {
  const select = parseSelect(call.request.query.get('$select'), 'application');
  return listPage(call, call.tenant.apps.allApplications(), {
    path: 'applications',
    entitySet: 'applications',
    select,
    filter: filterOf(call.request, APPLICATION_FILTERS),
    count: wantsCount(call.request),
    project: (application) => projectApplication(application, select, false),
  });
}

function getApplication(call: AuthorizedCall): GraphResponse {
  const select = parseSelect(call.request.query.get('$select'), 'application');
  const application = requireApplication(call);
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(call.request.serviceRoot, 'applications', select, true),
      ...projectApplication(application, select, true),
    },
  };
}

function createApplication(call: AuthorizedCall): GraphResponse {
  const { request, tenant } = call;
  requireNonEmptyString(requireObject(request.body, 'application'), 'displayName', 'application');
  const draft = newApplication(tenant, tenant.clock.nowIso());
  const changes = applicationChanges(request.body, draft);
  if (changes.identifierUris)
    checkIdentifierUris(changes.identifierUris, draft.appId, tenant.id, tenant.domainNames());
  const stored = tenant.apps.addApplication({ ...draft, ...changes });
  return {
    status: 201,
    headers: { location: `${request.serviceRoot}/applications/${stored.id}` },
    body: {
      '@odata.context': contextUrl(request.serviceRoot, 'applications', undefined, true),
      ...projectApplication(stored, undefined, true),
    },
  };
}

/** PATCH validates everything first, then applies; `keyCredentials` replaces the whole list. */
function updateApplication(call: AuthorizedCall): GraphResponse {
  const application = requireApplication(call);
  const changes = applicationChanges(call.request.body, application);
  if (changes.identifierUris)
    checkIdentifierUris(changes.identifierUris, application.appId, call.tenant.id, call.tenant.domainNames());
  Object.assign(application, changes);
  // The app's service principal here follows its identifier URIs, scopes and roles, as in Entra.
  call.tenant.apps.refreshServicePrincipalOf(application);
  return { status: 204 };
}

function deleteApplication(call: AuthorizedCall): GraphResponse {
  const application = requireApplication(call);
  call.tenant.apps.deleteApplication(application.id);
  // Deleting an app registration also removes its service principal in the home tenant.
  const servicePrincipal = call.tenant.apps.servicePrincipalByAppId(application.appId);
  if (servicePrincipal) call.tenant.apps.deleteServicePrincipal(servicePrincipal.id);
  return { status: 204 };
}

export const APPLICATION_ROUTES: GraphRoute[] = [
  route('GET', 'applications', PERMISSIONS.readApplications, listApplications),
  route('POST', 'applications', PERMISSIONS.writeApplications, createApplication),
  route('GET', 'applications/:id', PERMISSIONS.readApplications, getApplication),
  route('GET', 'applications/(appId)/:appId', PERMISSIONS.readApplications, getApplication),
  route('PATCH', 'applications/:id', PERMISSIONS.writeApplications, updateApplication),
  route('PATCH', 'applications/(appId)/:appId', PERMISSIONS.writeApplications, updateApplication),
  route('DELETE', 'applications/:id', PERMISSIONS.writeApplications, deleteApplication),
  route('DELETE', 'applications/(appId)/:appId', PERMISSIONS.writeApplications, deleteApplication),
];
