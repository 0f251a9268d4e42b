import type { AuthorizedCall, GraphResponse } from '../core/graph-request';
import { decodeSkipToken, encodeToken } from './page-token';
import { contextUrl, nextLink, parseTop } from './paging';
import type { Predicate } from './filter-compiler';

interface OffsetToken {
  /** Position in the underlying list (before filtering) where the next page starts. */
  offset: number;
}

const isOffsetToken = (data: unknown): data is OffsetToken =>
  typeof data === 'object' &&
  data !== null &&
  Number.isInteger((data as OffsetToken).offset) &&
  (data as OffsetToken).offset >= 0;

export interface ListPageOptions<T> {
  /** Path of the collection below the service root, for `@odata.nextLink`. */
  path: string;
  /** Entity set named in `@odata.context`, e.g. `groups` or `directoryObjects`. */
  entitySet: string;
  select: string[] | undefined;
  filter?: Predicate;
  count: boolean;
  project(item: T): Record<string, unknown>;
}

/** One page of a small collection (groups, apps), continued by an offset `$skiptoken`. */
export function listPage<T extends object>(
  call: AuthorizedCall,
  items: readonly T[],
  options: ListPageOptions<T>,
): GraphResponse {
  const { filter } = options;
  return resolvedListPage(call, items, (item) => (!filter || filter(item) ? item : undefined), options);
}

/**
 * One page of a list whose entries are resolved one by one (member ids to live users and groups;
 * unresolvable entries are left out). Only the entries of the page, and the look-ahead to the next
 * one, are resolved: paging a 100,000-member group costs the page, not the group, per request.
 * The `$skiptoken` holds the position in the underlying list.
 */
export function resolvedListPage<E, T extends object>(
  call: AuthorizedCall,
  entries: readonly E[],
  resolve: (entry: E) => T | undefined,
  options: Omit<ListPageOptions<T>, 'filter'>,
): GraphResponse {
  const { request, tenant } = call;
  const top = parseTop(request.query.get('$top'));
  const raw = request.query.get('$skiptoken');
  let position = raw ? decodeSkipToken(raw, tenant.id, tenant.generation, isOffsetToken).offset : 0;
  const page: T[] = [];
  for (; position < entries.length && page.length < top; position++) {
    const item = resolve(entries[position]);
    if (item) page.push(item);
  }
  let hasMore = false;
  for (let ahead = position; ahead < entries.length && !hasMore; ahead++)
    hasMore = resolve(entries[ahead]) !== undefined;

  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(request.serviceRoot, options.entitySet, options.select),
  };
  if (options.count) body['@odata.count'] = entries.filter((entry) => resolve(entry) !== undefined).length;
  if (hasMore) {
    body['@odata.nextLink'] = nextLink(
      request.serviceRoot,
      options.path,
      request.query,
      encodeToken(tenant.id, tenant.generation, { offset: position }),
    );
  }
  body['value'] = page.map((item) => options.project(item));
  return { status: 200, body };
}
