import { type GraphRequest, isEventual } from '../core/graph-request';
import { compileFilter, type FilterSpec, type Predicate } from './filter-compiler';
import { parseFilter } from './filter-parser';
import { searchOf } from './search';

/**
 * The `$filter` of a request as a predicate, or undefined when there is none. Advanced operators
 * need `ConsistencyLevel: eventual` together with `$count=true`, as Graph requires
 * (https://learn.microsoft.com/graph/aad-advanced-queries).
 */
export function filterOf(request: GraphRequest, spec: FilterSpec): Predicate | undefined {
  const raw = request.query.get('$filter');
  if (raw === null) return undefined;
  const advanced = isEventual(request) && request.query.get('$count')?.toLowerCase() === 'true';
  return compileFilter(parseFilter(raw), spec, advanced);
}

/** `$count=true` is honoured only with `ConsistencyLevel: eventual`; otherwise Graph silently ignores it. */
export function wantsCount(request: GraphRequest): boolean {
  return isEventual(request) && request.query.get('$count')?.toLowerCase() === 'true';
}

/** `$filter` and `$search` together (both must match), for the collections that support `$search`. */
export function selectionOf(
  request: GraphRequest,
  spec: FilterSpec,
  searchProperties: readonly string[],
): Predicate | undefined {
  const filter = filterOf(request, spec);
  const search = searchOf(request, searchProperties);
  if (filter && search) return (item) => filter(item) && search(item);
  return filter ?? search;
}
