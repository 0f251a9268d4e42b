import type { FixtureUser } from '../../fixture/fixture.types';
import type { MemoryTenant } from '../../store/memory-tenant';
import { badRequest, GraphError, unsupportedQuery } from '../core/graph-error';
import { PERMISSIONS } from '../core/graph-permissions';
import type { AuthorizedCall, GraphResponse } from '../core/graph-request';
import { route, type GraphRoute } from '../core/graph-route';
import { decodeEnvelope, encodeToken } from '../odata/page-token';
import { contextUrl } from '../odata/paging';
import { parseSelect, project } from '../odata/projection';

/** Users per delta page; Graph sends about 200 and does not honour `$top` on `/users/delta`. */
export const DELTA_PAGE_SIZE = 200;

/**
 * Delta links of identity resources live seven days; older ones answer 400 `syncStateNotFound`
 * ("Duration of change tracking tokens for identity and education resources", Microsoft 365
 * Developer Blog, 2020-07-03).
 */
export const DELTA_TOKEN_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** First round: every live user, paged by listing sequence. */
interface InitialRound {
  kind: 'initial';
  afterSequence: number;
  /** Change-log position when the round started; the following deltaLink reports changes after it. */
  until: number;
  startedAt: number;
  select: string[] | null;
}

/** Later rounds: users changed between two change-log positions, paged by offset. */
interface ChangesRound {
  kind: 'changes';
  since: number;
  until: number;
  offset: number;
  startedAt: number;
  select: string[] | null;
}

/** What a deltaLink remembers. */
interface DeltaState {
  kind: 'delta';
  since: number;
  issuedAt: number;
  select: string[] | null;
}

type DeltaToken = InitialRound | ChangesRound | DeltaState;

function isDeltaToken(data: unknown): data is DeltaToken {
  if (typeof data !== 'object' || data === null) return false;
  const kind = (data as { kind?: unknown }).kind;
  return kind === 'initial' || kind === 'changes' || kind === 'delta';
}

function syncStateNotFound(): GraphError {
  return new GraphError(
    400,
    'syncStateNotFound',
    'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
  );
}

/**
 * A token this tenant cannot continue: issued before the tenant was re-seeded, or not a delta token
 * at all. The client must restart with a full synchronization.
 */
function resyncRequired(): GraphError {
  return new GraphError(
    410,
    'resyncRequired',
    'The delta token is not recognised by this tenant. Start a full synchronization without a token.',
  );
}

function readToken(raw: string, tenant: MemoryTenant): DeltaToken {
  const envelope = decodeEnvelope(raw);
  if (!envelope || envelope.t !== tenant.id || envelope.g !== tenant.generation || !isDeltaToken(envelope.d))
    throw resyncRequired();
  const token = envelope.d;
  const issuedAt = token.kind === 'delta' ? token.issuedAt : token.startedAt;
  if (tenant.clock.now() - issuedAt > DELTA_TOKEN_LIFETIME_MS) throw syncStateNotFound();
  if ((token.kind === 'delta' ? token.since : token.until) > tenant.users.changes.position)
    throw resyncRequired();
  return token;
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

function link(call: AuthorizedCall, parameter: '$skiptoken' | '$deltatoken', token: DeltaToken): string {
  const encoded = encodeToken(call.tenant.id, call.tenant.generation, token);
  return `${call.request.serviceRoot}/users/delta()?${parameter}=${encoded}`;
}

function page(
  call: AuthorizedCall,
  select: string[] | null,
  value: unknown[],
  next: { skip?: DeltaToken; delta?: DeltaToken },
): GraphResponse {
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(call.request.serviceRoot, 'users', select ?? undefined),
  };
  if (next.skip) body['@odata.nextLink'] = link(call, '$skiptoken', next.skip);
  if (next.delta) body['@odata.deltaLink'] = link(call, '$deltatoken', next.delta);
  body['value'] = value;
  return { status: 200, body };
}

function initialPage(call: AuthorizedCall, round: InitialRound): GraphResponse {
  const users = call.tenant.users;
  const all = users.all();
  const start = users.positionAfter(round.afterSequence);
  const slice = all.slice(start, start + DELTA_PAGE_SIZE);
  const value = slice.map((user) => deltaItem(user, round.select));
  if (start + DELTA_PAGE_SIZE < all.length) {
    const last = slice[slice.length - 1];
    return page(call, round.select, value, {
      skip: { ...round, afterSequence: users.sequence(last.id) ?? 0 },
    });
  }
  return page(call, round.select, value, {
    delta: { kind: 'delta', since: round.until, issuedAt: call.tenant.clock.now(), select: round.select },
  });
}

/** Changed users with their current state; deleted ones as `@removed` ("changed" = soft-deleted, "deleted" = purged). */
function changesPage(call: AuthorizedCall, round: ChangesRound): GraphResponse {
  const users = call.tenant.users;
  const ids = users.changes.changedBetween(round.since, round.until);
  const slice = ids.slice(round.offset, round.offset + DELTA_PAGE_SIZE);
  const value = slice.map((id) => {
    const live = users.byObjectId(id);
    if (live) return deltaItem(live, round.select);
    return { id, '@removed': { reason: users.deletedById(id) ? 'changed' : 'deleted' } };
  });
  if (round.offset + DELTA_PAGE_SIZE < ids.length) {
    return page(call, round.select, value, { skip: { ...round, offset: round.offset + DELTA_PAGE_SIZE } });
  }
  return page(call, round.select, value, {
    delta: { kind: 'delta', since: round.until, issuedAt: call.tenant.clock.now(), select: round.select },
  });
}

function usersDelta(call: AuthorizedCall): GraphResponse {
  const { request, tenant } = call;
  if (request.query.has('$filter'))
    throw unsupportedQuery(
      '$filter is not supported on users/delta by the emulator; track all users and filter locally.',
    );
  const skipToken = request.query.get('$skiptoken');
  const deltaToken = request.query.get('$deltatoken');
  if (skipToken && deltaToken) throw badRequest('Send either $skiptoken or $deltatoken, not both.');
  const now = tenant.clock.now();
  const position = tenant.users.changes.position;

  if (deltaToken === 'latest') {
    // Tracking from now on: no items, only a deltaLink (https://learn.microsoft.com/graph/delta-query-overview).
    const select = parseSelect(request.query.get('$select'), 'user') ?? null;
    return page(call, select, [], { delta: { kind: 'delta', since: position, issuedAt: now, select } });
  }
  const raw = skipToken ?? deltaToken;
  if (!raw) {
    const select = parseSelect(request.query.get('$select'), 'user') ?? null;
    return initialPage(call, { kind: 'initial', afterSequence: 0, until: position, startedAt: now, select });
  }
  const token = readToken(raw, tenant);
  switch (token.kind) {
    case 'initial':
      return initialPage(call, token);
    case 'changes':
      return changesPage(call, token);
    case 'delta':
      return changesPage(call, {
        kind: 'changes',
        since: token.since,
        until: position,
        offset: 0,
        startedAt: now,
        select: token.select,
      });
  }
}

export const USER_DELTA_ROUTES: GraphRoute[] = [
  route('GET', 'users/delta', PERMISSIONS.readUsers, usersDelta, 5),
];
