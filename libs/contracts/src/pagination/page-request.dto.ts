import { IsInt, Max, Min } from 'class-validator';
import { IntegerFromText, OptionalField } from '../validation/safe-text';

/** The furthest a list can be paged into: beyond it a caller is walking the table, not reading a list. */
export const MAX_PAGE_OFFSET = 10_000_000;

/** Where a page of a list starts, and how many items it holds at most. */
export interface PageFields {
  limit?: number;
  offset?: number;
}

/**
 * The paging fields of every list, with the largest page its owner serves: the services page their
 * tables up to 1000 items (`PageRequest`), the admin API answers at most 200 (it builds its own from
 * this). The numbers may come from a query string (`?limit=10`) and are converted only when they are
 * whole-number text.
 */
export function pageRequestWithLimit(maxLimit: number): new () => PageFields {
  const limitRange = `limit must be between 1 and ${maxLimit}`;
  class PageRequestFields implements PageFields {
    @OptionalField()
    @IntegerFromText()
    @IsInt({ message: 'limit must be a whole number' })
    @Min(1, { message: limitRange })
    @Max(maxLimit, { message: limitRange })
    limit?: number;

    @OptionalField()
    @IntegerFromText()
    @IsInt({ message: 'offset must be a whole number' })
    @Min(0, { message: 'offset must be 0 or more' })
    @Max(MAX_PAGE_OFFSET, { message: `offset must be at most ${MAX_PAGE_OFFSET}` })
    offset?: number;
  }
  return PageRequestFields;
}

/** A page of a service's list: up to 1000 items from `offset`. */
export class PageRequest extends pageRequestWithLimit(1000) {}
