import { unsupportedQuery } from '../core/graph-error';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;

/** `$top` for directory collections: 1..999, default 100 (https://learn.microsoft.com/graph/paging). */
export function parseTop(raw: string | null): number {
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const top = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(top) || top < 1 || top > MAX_PAGE_SIZE) {
    throw unsupportedQuery(
      `Invalid page size specified: '${raw}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`,
    );
  }
  return top;
}

/** A `@odata.nextLink` with the original query options and a new `$skiptoken`. */
export function nextLink(
  serviceRoot: string,
  path: string,
  query: URLSearchParams,
  skipToken: string,
): string {
  const next = new URLSearchParams();
  for (const [name, value] of query) if (name !== '$skiptoken') next.append(name, value);
  next.set('$skiptoken', skipToken);
  return `${serviceRoot}/${path}?${next.toString().replace(/%24/g, '$')}`;
}

/** `@odata.context` for a collection or entity: `{serviceRoot}/$metadata#users(displayName,id)`. */
export function contextUrl(
  serviceRoot: string,
  entitySet: string,
  select: string[] | undefined,
  entity = false,
): string {
  const selected = select ? `(${select.join(',')})` : '';
  return `${serviceRoot}/$metadata#${entitySet}${selected}${entity ? '/$entity' : ''}`;
}
