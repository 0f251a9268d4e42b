import { unsupportedQuery } from '../core/graph-error';

/** System query options the emulator implements; anything else is refused rather than silently ignored. */
const SUPPORTED = new Set(['$select', '$top', '$skiptoken', '$filter', '$count', '$deltatoken']);

/**
 * Rejects `$expand`, `$orderby`, `$search`, `$skip` and unknown `$` options with 400, so code that
 * depends on them fails loudly against the emulator instead of passing on missing data. (Graph itself
 * refuses `$skip` on directory objects, and caps `$expand=members` at 20 items, which sync must not use.)
 */
export function rejectUnsupportedQueryOptions(query: URLSearchParams, searchable = false): void {
  for (const name of query.keys()) {
    if (!name.startsWith('$') || SUPPORTED.has(name.toLowerCase())) continue;
    if (searchable && name.toLowerCase() === '$search') continue;
    if (name.toLowerCase() === '$skip')
      throw unsupportedQuery("'$skip' is not supported by the service. Follow '@odata.nextLink' to page.");
    throw unsupportedQuery(
      `The query option '${name}' is not supported by the emulator (supported: ${[...SUPPORTED].join(', ')}).`,
    );
  }
}
