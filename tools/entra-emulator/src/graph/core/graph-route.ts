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
  /** Resource units the request costs in the throttling model (Graph: GET users 2, members 3, transitiveMembers 5). */
  cost: number;
  handle(call: AuthorizedCall): GraphResponse | Promise<GraphResponse>;
  /**
   * Replaces the check of `permissions` when an operation allows more callers than its permissions
   * (e.g. an app rolling its own keys needs none). Throws Graph's error when the caller may not.
   */
  authorize?(call: AuthorizedCall): void;
  /** Accepts `$search` (users and groups, with `ConsistencyLevel: eventual`). */
  searchable?: boolean;
}

/** Writes cost more than reads in Graph's identity throttling model. */
const DEFAULT_COST: Record<HttpMethod, number> = { GET: 1, POST: 3, PATCH: 3, PUT: 3, DELETE: 3 };

export function route(
  method: HttpMethod,
  path: string,
  permissions: RequiredPermissions,
  handle: GraphRoute['handle'],
  cost = DEFAULT_COST[method],
): GraphRoute {
  return { method, path, permissions, cost, handle };
}
