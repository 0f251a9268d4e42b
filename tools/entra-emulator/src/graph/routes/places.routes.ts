import { PERMISSIONS } from '../core/graph-permissions';
import type { AuthorizedCall, GraphResponse } from '../core/graph-request';
import { route, type GraphRoute } from '../core/graph-route';

/**
 * `GET /places/microsoft.graph.room`: the tenant's rooms, the one place Graph tells a room mailbox
 * from a shared one (https://learn.microsoft.com/graph/api/place-list). Rooms are few: one page.
 */
function rooms({ request, tenant }: AuthorizedCall): GraphResponse {
  const value = tenant.mailboxes
    .rooms()
    .map((id) => tenant.users.byObjectId(id))
    .filter((user) => user !== undefined)
    .map((user) => ({
      '@odata.type': '#microsoft.graph.room',
      id: user.id,
      displayName: user.displayName ?? null,
      emailAddress: user.mail ?? user.userPrincipalName ?? null,
      bookingType: 'standard',
    }));
  return {
    status: 200,
    body: { '@odata.context': `${request.serviceRoot}/$metadata#places/microsoft.graph.room`, value },
  };
}

export const PLACE_ROUTES: GraphRoute[] = [
  // The path's type cast (`microsoft.graph.room`) arrives unqualified, like `users/microsoft.graph.delta`.
  route('GET', 'places/room', PERMISSIONS.readPlaces, rooms),
];
