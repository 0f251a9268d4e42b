import type { AuthorizedCall, GraphResponse } from '../graph-request';
import { decodeSkipToken, encodeToken } from './page-token';
import { contextUrl, nextLink, parseTop } from './paging';
import type { Predicate } from './filter-compiler';

interface OffsetToken {
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

/** One page of a small collection (groups, members, apps), continued by an offset `$skiptoken`. */
export function listPage<T extends object>(
  call: AuthorizedCall,
  items: readonly T[],
  options: ListPageOptions<T>,
): GraphResponse {
  const { request, tenant } = call;
  const top = parseTop(request.query.get('$top'));
  const raw = request.query.get('$skiptoken');
  const offset = raw ? decodeSkipToken(raw, tenant.id, tenant.generation, isOffsetToken).offset : 0;
  const matching = options.filter ? items.filter(options.filter) : items;
  const page = matching.slice(offset, offset + top);
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(request.serviceRoot, options.entitySet, options.select),
  };
  if (options.count) body['@odata.count'] = matching.length;
  if (offset + top < matching.length) {
    body['@odata.nextLink'] = nextLink(
      request.serviceRoot,
      options.path,
      request.query,
      encodeToken(tenant.id, tenant.generation, { offset: offset + top }),
    );
  }
  body['value'] = page.map((item) => options.project(item));
  return { status: 200, body };
}
