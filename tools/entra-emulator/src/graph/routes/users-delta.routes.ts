import type { FixtureUser } from '../../fixture/fixture.types';
import { unsupportedQuery } from '../core/graph-error';
import { PERMISSIONS } from '../core/graph-permissions';
import { route, type GraphRoute } from '../core/graph-route';
import { deltaFunction, type DeltaSource } from '../odata/delta-rounds';
import { parseSelect, project } from '../odata/projection';

export { DELTA_TOKEN_LIFETIME_MS } from '../odata/delta-rounds';

/** Users per delta page; Graph sends about 200 and does not honour `$top` on `/users/delta`. */
export const DELTA_PAGE_SIZE = 200;

interface UserDeltaOptions {
  select: string[] | null;
}

/**
 * A user as delta reports it: the selected properties and always its `id` (last, as Graph writes it),
 * since a change cannot be applied without knowing whose it is (https://learn.microsoft.com/graph/delta-query-users).
 */
function deltaItem(user: FixtureUser, select: string[] | null): Record<string, unknown> {
  const projected = project('user', user, select ?? undefined);
  if ('id' in projected) return projected;
  return { ...projected, id: user.id };
}

const USERS: DeltaSource<UserDeltaOptions> = {
  resource: 'users',
  options(request) {
    if (request.query.has('$filter'))
      throw unsupportedQuery(
        '$filter is not supported on users/delta by the emulator; track all users and filter locally.',
      );
    return { select: parseSelect(request.query.get('$select'), 'user') ?? null };
  },
  contextSelect: (options) => options.select ?? undefined,
  position: (tenant) => tenant.users.changes.position,
  /** Every live user, paged by listing sequence (the cursor: the last sequence sent). */
  initialPage(tenant, options, afterSequence = 0) {
    const users = tenant.users;
    const all = users.all();
    const start = users.positionAfter(afterSequence);
    const slice = all.slice(start, start + DELTA_PAGE_SIZE);
    const value = slice.map((user) => deltaItem(user, options.select));
    if (start + DELTA_PAGE_SIZE >= all.length) return { value };
    return { value, next: users.sequence(slice[slice.length - 1].id) ?? 0 };
  },
  /** Changed users with their current state; deleted ones as `@removed` ("changed" = soft-deleted, "deleted" = purged). */
  changesPage(tenant, options, since, until, offset) {
    const users = tenant.users;
    const ids = users.changes.changedBetween(since, until);
    const value = ids.slice(offset, offset + DELTA_PAGE_SIZE).map((id) => {
      const live = users.byObjectId(id);
      if (live) return deltaItem(live, options.select);
      return { id, '@removed': { reason: users.deletedById(id) ? 'changed' : 'deleted' } };
    });
    return offset + DELTA_PAGE_SIZE < ids.length ? { value, next: offset + DELTA_PAGE_SIZE } : { value };
  },
};

export const USER_DELTA_ROUTES: GraphRoute[] = [
  route('GET', 'users/delta', PERMISSIONS.readUsers, deltaFunction(USERS), 5),
];
