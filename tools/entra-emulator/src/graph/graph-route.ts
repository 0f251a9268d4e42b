import type { RequiredPermissions } from './graph-permissions';
import type { AuthorizedCall, GraphResponse } from './graph-request';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/**
 * One Graph operation. `path` segments are literals or `:name` parameters, e.g.
 * `servicePrincipals/:id/appRoleAssignments`; the dispatcher checks `permissions` before `handle`.
 */
export interface GraphRoute {
  method: HttpMethod;
  path: string;
  permissions: RequiredPermissions;
  handle(call: AuthorizedCall): GraphResponse | Promise<GraphResponse>;
}

export function route(
  method: HttpMethod,
  path: string,
  permissions: RequiredPermissions,
  handle: GraphRoute['handle'],
): GraphRoute {
  return { method, path, permissions, handle };
}
