import { pageRequestWithLimit } from '@archive365/contracts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `?limit=&offset=` on every list: the services' paging fields, with the API's smaller pages. */
export class PageQuery extends pageRequestWithLimit(MAX_PAGE_SIZE) {}

/** One page of a list: the items, the total across all pages, and where this page starts. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function pageBounds(query: PageQuery): { limit: number; offset: number } {
  return { limit: query.limit ?? DEFAULT_PAGE_SIZE, offset: query.offset ?? 0 };
}

/** Pages a list a service answers whole (its lists are per instance, so small). */
export function pageOf<T>(all: T[], query: PageQuery): Page<T> {
  const { limit, offset } = pageBounds(query);
  return { items: all.slice(offset, offset + limit), total: all.length, limit, offset };
}
