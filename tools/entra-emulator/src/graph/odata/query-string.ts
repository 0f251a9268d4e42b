import { badRequest } from '../core/graph-error';

/**
 * The query string of a Graph request. OData system query options are matched case-insensitively
 * (`$TOP`, `$skipToken` and `$top` are one option), so their names are lower-cased here, once, and
 * the routes can read `$top` without missing a differently spelt one (a missed `$filter` would
 * silently return everything). Each may appear at most once, as Graph's OData parser requires.
 */
export function graphQuery(rawQuery: string): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    const canonical = name.startsWith('$') ? name.toLowerCase() : name;
    if (canonical.startsWith('$') && query.has(canonical)) {
      throw badRequest(
        `Query option '${canonical}' was specified more than once, but it must be specified at most once.`,
        'BadRequest',
      );
    }
    query.append(canonical, value);
  }
  return query;
}
