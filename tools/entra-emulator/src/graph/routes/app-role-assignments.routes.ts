import type { StoredAppRoleAssignment } from '../../store/application-directory';
import { badRequest, resourceNotFound } from '../core/graph-error';
import { appRoleAssignmentId } from '../../store/relationship-ids';
import { PERMISSIONS, requireConsentAdmin } from '../core/graph-permissions';
import type { AuthorizedCall, GraphResponse } from '../core/graph-request';
import { route, type GraphRoute } from '../core/graph-route';
import { listPage } from '../odata/list-page';
import { contextUrl } from '../odata/paging';
import { parseSelect, project } from '../odata/projection';
import { rejectUnexpected, requireGuid, requireObject } from '../validation/body-checks';
import { requireServicePrincipal } from './service-principals.routes';

/** The default access role: an assignment without a specific app role. */
const DEFAULT_ACCESS_ROLE_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Admin consent to an application permission is an app role assignment: the client's service
 * principal (principalId) gets an app role (appRoleId) of the API's service principal (resourceId)
 * (https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignments).
 */
function grantAppRole(side: 'principal' | 'resource') {
  return (call: AuthorizedCall): GraphResponse => {
    const { request, tenant, claims } = call;
    requireConsentAdmin(claims);
    const inPath = requireServicePrincipal(call);
    const body = requireObject(request.body, 'appRoleAssignment');
    rejectUnexpected(
      body,
      ['principalId', 'resourceId', 'appRoleId'],
      ['id', 'createdDateTime', 'principalDisplayName', 'principalType', 'resourceDisplayName'],
      'appRoleAssignment',
    );
    const principalId = requireGuid(body, 'principalId', 'AppRoleAssignment');
    const resourceId = requireGuid(body, 'resourceId', 'AppRoleAssignment');
    const appRoleId = requireGuid(body, 'appRoleId', 'AppRoleAssignment');
    if (side === 'principal' && principalId !== inPath.id) {
      throw badRequest(`principalId must be the id of the service principal in the URL (${inPath.id}).`);
    }
    if (side === 'resource' && resourceId !== inPath.id) {
      throw badRequest(`resourceId must be the id of the service principal in the URL (${inPath.id}).`);
    }
    const principal = tenant.apps.servicePrincipalById(principalId);
    const principalUser = principal
      ? undefined
      : (tenant.users.byObjectId(principalId) ?? tenant.groups.byObjectId(principalId));
    if (!principal && !principalUser)
      throw badRequest(`The principal '${principalId}' does not exist in this tenant.`);
    const resource = tenant.apps.servicePrincipalById(resourceId);
    if (!resource)
      throw badRequest(`The resource service principal '${resourceId}' does not exist in this tenant.`);
    const memberType = principal ? 'Application' : 'User';
    const role = resource.appRoles?.find(
      (candidate) => candidate.id?.toLowerCase() === appRoleId && candidate.isEnabled !== false,
    );
    const allowed =
      appRoleId === DEFAULT_ACCESS_ROLE_ID || (role?.allowedMemberTypes ?? []).includes(memberType);
    if (!allowed) {
      throw badRequest(
        `Permission being assigned was not found on application '${resource.appId}': appRoleId ${appRoleId} is not an app role of ${resource.displayName ?? resource.appId} assignable to ${memberType === 'Application' ? 'applications' : 'users'}.`,
      );
    }
    const assignment: StoredAppRoleAssignment = {
      id: appRoleAssignmentId(principalId),
      appRoleId,
      createdDateTime: tenant.clock.nowIso(),
      deletedDateTime: null,
      principalDisplayName: principal?.displayName ?? principalUser?.displayName ?? null,
      principalId,
      principalType: principal ? 'ServicePrincipal' : tenant.users.byObjectId(principalId) ? 'User' : 'Group',
      resourceDisplayName: resource.displayName ?? null,
      resourceId,
    };
    tenant.apps.addAppRoleAssignment(assignment);
    const collection = side === 'principal' ? 'appRoleAssignments' : 'appRoleAssignedTo';
    return {
      status: 201,
      headers: {
        location: `${request.serviceRoot}/servicePrincipals/${inPath.id}/${collection}/${assignment.id}`,
      },
      body: {
        '@odata.context': contextUrl(
          request.serviceRoot,
          `servicePrincipals('${inPath.id}')/${collection}`,
          undefined,
          true,
        ),
        ...project('appRoleAssignment', assignment, undefined),
      },
    };
  };
}

function listAssignments(side: 'principal' | 'resource') {
  return (call: AuthorizedCall): GraphResponse => {
    const servicePrincipal = requireServicePrincipal(call);
    const select = parseSelect(call.request.query.get('$select'), 'appRoleAssignment');
    const collection = side === 'principal' ? 'appRoleAssignments' : 'appRoleAssignedTo';
    const assignments =
      side === 'principal'
        ? call.tenant.apps.assignmentsHeldBy(servicePrincipal.id)
        : call.tenant.apps.assignmentsOnResource(servicePrincipal.id);
    return listPage(call, assignments, {
      path: `servicePrincipals/${servicePrincipal.id}/${collection}`,
      entitySet: `servicePrincipals('${servicePrincipal.id}')/${collection}`,
      select,
      count: false,
      project: (assignment) => project('appRoleAssignment', assignment, select),
    });
  };
}

function revoke(side: 'principal' | 'resource') {
  return (call: AuthorizedCall): GraphResponse => {
    requireConsentAdmin(call.claims);
    const servicePrincipal = requireServicePrincipal(call);
    const assignment = call.tenant.apps.appRoleAssignmentById(call.params['assignmentId']);
    const owner = side === 'principal' ? assignment?.principalId : assignment?.resourceId;
    if (!assignment || owner !== servicePrincipal.id) throw resourceNotFound(call.params['assignmentId']);
    call.tenant.apps.deleteAppRoleAssignment(assignment.id);
    return { status: 204 };
  };
}

export const APP_ROLE_ASSIGNMENT_ROUTES: GraphRoute[] = [
  route(
    'GET',
    'servicePrincipals/:id/appRoleAssignments',
    PERMISSIONS.readAppRoleAssignments,
    listAssignments('principal'),
  ),
  route(
    'POST',
    'servicePrincipals/:id/appRoleAssignments',
    PERMISSIONS.writeAppRoleAssignments,
    grantAppRole('principal'),
  ),
  route(
    'DELETE',
    'servicePrincipals/:id/appRoleAssignments/:assignmentId',
    PERMISSIONS.writeAppRoleAssignments,
    revoke('principal'),
  ),
  route(
    'GET',
    'servicePrincipals/:id/appRoleAssignedTo',
    PERMISSIONS.readAppRoleAssignments,
    listAssignments('resource'),
  ),
  route(
    'POST',
    'servicePrincipals/:id/appRoleAssignedTo',
    PERMISSIONS.writeAppRoleAssignments,
    grantAppRole('resource'),
  ),
  route(
    'DELETE',
    'servicePrincipals/:id/appRoleAssignedTo/:assignmentId',
    PERMISSIONS.writeAppRoleAssignments,
    revoke('resource'),
  ),
];
