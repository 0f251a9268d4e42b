import type { EmulatorContext } from '../emulator.types';
import type { ResourceUnitThrottle } from '../faults/resource-unit-throttle';
import { tooManyRequests } from './graph-error';
import { GraphAuthError } from '../emulator.types';
import { graphErrorResponse } from './graph-error-response';
import { requirePermission } from './graph-permissions';
import { rejectUnsupportedQueryOptions } from './odata/query-options';
import type { GraphRequest, GraphResponse } from './graph-request';
import type { GraphRouteTable } from './graph-route-table';

/**
 * Runs one Graph request: verify the bearer token, find the tenant, route, check the permission,
 * handle. Every failure becomes a Graph error response; nothing throws past this point.
 */
export async function dispatchGraphRequest(
  context: EmulatorContext,
  routes: GraphRouteTable,
  request: GraphRequest,
  throttle?: ResourceUnitThrottle,
): Promise<GraphResponse> {
  try {
    const claims = await context.verifyGraphBearer(request.headers['authorization']);
    const tenant = context.store.tenant(claims.tid);
    if (!tenant) throw new GraphAuthError(`The token's tenant ${claims.tid} does not exist in the emulator.`);
    const { route, params } = routes.match(request.method, request.segments);
    rejectUnsupportedQueryOptions(request.query, route.searchable === true);
    const call = { request, claims, tenant, params };
    if (route.authorize) route.authorize(call);
    else requirePermission(claims, route.permissions);
    const decision = throttle?.charge(`${tenant.id}/${claims.appid}`, route.cost);
    if (decision && !decision.allowed)
      throw tooManyRequests(decision.retryAfterSeconds, {
        tenantId: tenant.id,
        appId: claims.appid,
        cost: route.cost,
      });
    return await route.handle(call);
  } catch (error) {
    return graphErrorResponse(error, request);
  }
}
