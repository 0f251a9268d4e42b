import { badRequest, unsupportedQuery } from '../core/graph-error';
import { type GraphRequest, isEventual } from '../core/graph-request';
import type { Predicate } from './filter-compiler';

/** Properties `$search` looks in (https://learn.microsoft.com/graph/search-query-parameter, directory objects). */
export const USER_SEARCH_PROPERTIES = [
  'displayName',
  'givenName',
  'surname',
  'mail',
  'mailNickname',
  'userPrincipalName',
] as const;
export const GROUP_SEARCH_PROPERTIES = ['displayName', 'description', 'mail', 'mailNickname'] as const;

interface Clause {
  property: string;
  term: string;
}

/**
 * `$search="displayName:adele" OR "mail:adele"` on users and groups: each clause matches when a word of
 * the property (split on spaces, punctuation and case changes) starts with the term, ignoring case.
 * Graph serves it only with `ConsistencyLevel: eventual` and answers its 400 otherwise.
 */
export function searchOf(request: GraphRequest, properties: readonly string[]): Predicate | undefined {
  const raw = request.query.get('$search');
  if (raw === null) return undefined;
  if (!isEventual(request))
    throw unsupportedQuery(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  const { clauses, operators } = parseSearch(raw, properties);
  const tests = clauses.map(clauseTest);
  return (item) => {
    let result = tests[0](item);
    for (let index = 1; index < tests.length; index++)
      result = operators[index - 1] === 'AND' ? result && tests[index](item) : result || tests[index](item);
    return result;
  };
}

function parseSearch(raw: string, properties: readonly string[]): { clauses: Clause[]; operators: string[] } {
  const pattern = /^\s*"([^"]*)"\s*(?:(AND|OR)\s*)?/;
  const clauses: Clause[] = [];
  const operators: string[] = [];
  let rest = raw;
  while (rest.trim().length > 0) {
    const match = pattern.exec(rest);
    if (!match || (match[2] === undefined && rest.slice(match[0].length).trim().length > 0))
      throw badRequest(
        `Syntax error in $search '${raw}': use "property:term" clauses joined by AND or OR, e.g. "displayName:adele" OR "mail:adele".`,
      );
    const [property, ...termParts] = match[1].split(':');
    const term = termParts.join(':').trim();
    if (termParts.length === 0 || !term)
      throw badRequest(`Syntax error in $search clause "${match[1]}": expected "property:term".`);
    if (!properties.includes(property))
      throw unsupportedQuery(
        `$search is not supported on property '${property}'. Searchable properties: ${properties.join(', ')}.`,
      );
    clauses.push({ property, term: term.toLowerCase() });
    if (match[2]) operators.push(match[2]);
    rest = rest.slice(match[0].length);
  }
  if (clauses.length === 0 || operators.length >= clauses.length)
    throw badRequest(`Syntax error in $search '${raw}': a clause is missing.`);
  return { clauses, operators };
}

function clauseTest(clause: Clause): Predicate {
  return (item) => {
    const value = (item as Record<string, unknown>)[clause.property];
    if (typeof value !== 'string') return false;
    return (
      value.toLowerCase().startsWith(clause.term) || words(value).some((word) => word.startsWith(clause.term))
    );
  };
}

function words(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}
