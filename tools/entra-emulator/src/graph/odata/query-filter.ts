import { type GraphRequest, isEventual } from '../graph-request';
import { compileFilter, type FilterSpec, type Predicate } from './filter-compiler';
import { parseFilter } from './filter-parser';

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
