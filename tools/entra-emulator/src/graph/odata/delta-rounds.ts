import type { MemoryTenant } from '../../store/memory-tenant';
import { badRequest, GraphError } from '../core/graph-error';
import type { AuthorizedCall, GraphRequest, GraphResponse } from '../core/graph-request';
import { decodeEnvelope, encodeToken } from './page-token';

/**
 * Delta links of identity resources live seven days; older ones answer 400 `syncStateNotFound`
 * ("Duration of change tracking tokens for identity and education resources", Microsoft 365
 * Developer Blog, 2020-07-03).
 */
export const DELTA_TOKEN_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** First round: every object (the source decides what a cursor is), up to the log position `until`. */
interface InitialRound<O> {
  kind: 'initial';
  /** Where the next page starts; absent on the first. */
  cursor?: unknown;
  /** Change-log position when the round started; the following deltaLink reports changes after it. */
  until: number;
  startedAt: number;
  options: O;
}

/** Later rounds: objects changed between two change-log positions, paged by offset. */
interface ChangesRound<O> {
  kind: 'changes';
  since: number;
  until: number;
  offset: number;
  startedAt: number;
  options: O;
}

/** What a deltaLink remembers. */
interface DeltaState<O> {
  kind: 'delta';
  since: number;
  issuedAt: number;
  options: O;
}

type DeltaToken<O> = InitialRound<O> | ChangesRound<O> | DeltaState<O>;

/** One page of a round: its items and, when more follow, where the next page starts. */
export interface RoundPage<C = number> {
  value: unknown[];
  next?: C;
}

/**
 * A resource that supports delta (`users`, `groups`): how to read its query options once (they travel
 * in the links), its change-log position, and the pages of the initial and of the later rounds.
 */
export interface DeltaSource<O, C = number> {
  resource: 'users' | 'groups';
  /** The query options of a first request (`$select`, `$filter`), validated. */
  options(request: GraphRequest): O;
  /** Columns named in `@odata.context`. */
  contextSelect(options: O): string[] | undefined;
  position(tenant: MemoryTenant): number;
  /** A page of the first round; `cursor` is what the previous page answered as `next` (JSON), or undefined. */
  initialPage(tenant: MemoryTenant, options: O, cursor: C | undefined): RoundPage<C>;
  changesPage(tenant: MemoryTenant, options: O, since: number, until: number, offset: number): RoundPage;
}

function isDeltaToken(data: unknown): data is DeltaToken<unknown> {
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

function readToken<O, C>(raw: string, tenant: MemoryTenant, source: DeltaSource<O, C>): DeltaToken<O> {
  const envelope = decodeEnvelope(raw);
  if (!envelope || envelope.t !== tenant.id || envelope.g !== tenant.generation || !isDeltaToken(envelope.d))
    throw resyncRequired();
  const token = envelope.d as DeltaToken<O>;
  const issuedAt = token.kind === 'delta' ? token.issuedAt : token.startedAt;
  if (tenant.clock.now() - issuedAt > DELTA_TOKEN_LIFETIME_MS) throw syncStateNotFound();
  if ((token.kind === 'delta' ? token.since : token.until) > source.position(tenant)) throw resyncRequired();
  return token;
}

function link<O, C>(
  call: AuthorizedCall,
  source: DeltaSource<O, C>,
  parameter: '$skiptoken' | '$deltatoken',
  token: DeltaToken<O>,
): string {
  const encoded = encodeToken(call.tenant.id, call.tenant.generation, token);
  return `${call.request.serviceRoot}/${source.resource}/delta()?${parameter}=${encoded}`;
}

function contextUrl(serviceRoot: string, resource: string, select: string[] | undefined): string {
  return `${serviceRoot}/$metadata#${resource}${select ? `(${select.join(',')})` : ''}`;
}

function respond<O, C>(
  call: AuthorizedCall,
  source: DeltaSource<O, C>,
  options: O,
  value: unknown[],
  next: { skip?: DeltaToken<O>; delta?: DeltaToken<O> },
): GraphResponse {
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(call.request.serviceRoot, source.resource, source.contextSelect(options)),
  };
  if (next.skip) body['@odata.nextLink'] = link(call, source, '$skiptoken', next.skip);
  if (next.delta) body['@odata.deltaLink'] = link(call, source, '$deltatoken', next.delta);
  body['value'] = value;
  return { status: 200, body };
}

function endOfRound<O>(call: AuthorizedCall, since: number, options: O): DeltaState<O> {
  return { kind: 'delta', since, issuedAt: call.tenant.clock.now(), options };
}

function initialRound<O, C>(
  call: AuthorizedCall,
  source: DeltaSource<O, C>,
  round: InitialRound<O>,
): GraphResponse {
  const page = source.initialPage(call.tenant, round.options, round.cursor as C | undefined);
  if (page.next !== undefined)
    return respond(call, source, round.options, page.value, { skip: { ...round, cursor: page.next } });
  return respond(call, source, round.options, page.value, {
    delta: endOfRound(call, round.until, round.options),
  });
}

function changesRound<O, C>(
  call: AuthorizedCall,
  source: DeltaSource<O, C>,
  round: ChangesRound<O>,
): GraphResponse {
  const page = source.changesPage(call.tenant, round.options, round.since, round.until, round.offset);
  if (page.next !== undefined)
    return respond(call, source, round.options, page.value, { skip: { ...round, offset: page.next } });
  return respond(call, source, round.options, page.value, {
    delta: endOfRound(call, round.until, round.options),
  });
}

/**
 * The `delta` function of a resource (https://learn.microsoft.com/graph/delta-query-overview): a first
 * request starts the initial round (or, with `$deltatoken=latest`, only answers a deltaLink: tracking
 * from now on); `@odata.nextLink`s carry a `$skiptoken`, the last page a `@odata.deltaLink` whose
 * `$deltatoken` starts the next round. Tokens are bound to the tenant, expire after seven days, and
 * keep the first request's query options.
 */
export function deltaFunction<O, C>(source: DeltaSource<O, C>): (call: AuthorizedCall) => GraphResponse {
  return (call) => {
    const { request, tenant } = call;
    const skipToken = request.query.get('$skiptoken');
    const deltaToken = request.query.get('$deltatoken');
    if (skipToken && deltaToken) throw badRequest('Send either $skiptoken or $deltatoken, not both.');
    const now = tenant.clock.now();
    const position = source.position(tenant);
    if (deltaToken === 'latest') {
      const options = source.options(request);
      return respond(call, source, options, [], {
        delta: { kind: 'delta', since: position, issuedAt: now, options },
      });
    }
    const raw = skipToken ?? deltaToken;
    if (!raw) {
      const options = source.options(request);
      return initialRound(call, source, { kind: 'initial', until: position, startedAt: now, options });
    }
    const token = readToken(raw, tenant, source);
    switch (token.kind) {
      case 'initial':
        return initialRound(call, source, token);
      case 'changes':
        return changesRound(call, source, token);
      case 'delta':
        return changesRound(call, source, {
          kind: 'changes',
          since: token.since,
          until: position,
          offset: 0,
          startedAt: now,
          options: token.options,
        });
    }
  };
}
