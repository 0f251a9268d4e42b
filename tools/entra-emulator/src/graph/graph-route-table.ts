import { GraphError, segmentNotFound } from './core/graph-error';
import type { GraphRoute } from './core/graph-route';

export interface RouteMatch {
  route: GraphRoute;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: GraphRoute;
  parts: string[];
  literals: number;
}

/**
 * Finds the route for a method and path. Literal segments win over parameters (`users/delta` before
 * `users/:id`); a known path with another method is 405; an unknown path is Graph's 400
 * "Resource not found for the segment".
 */
export class GraphRouteTable {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly GraphRoute[]) {
    this.compiled = routes.map((route) => {
      const parts = route.path.split('/');
      return { route, parts, literals: parts.filter((part) => !part.startsWith(':')).length };
    });
  }

  match(method: string, segments: readonly string[]): RouteMatch {
    let best: RouteMatch | undefined;
    let bestLiterals = -1;
    let pathKnown = false;
    let deepestMatch = 0;
    for (const candidate of this.compiled) {
      const matched = matchedPrefix(candidate.parts, segments);
      deepestMatch = Math.max(deepestMatch, matched);
      if (matched !== segments.length || candidate.parts.length !== segments.length) continue;
      pathKnown = true;
      if (candidate.route.method !== method.toUpperCase() || candidate.literals <= bestLiterals) continue;
      best = { route: candidate.route, params: paramsOf(candidate.parts, segments) };
      bestLiterals = candidate.literals;
    }
    if (best) return best;
    if (pathKnown)
      throw new GraphError(
        405,
        'Request_BadRequest',
        `The HTTP method '${method}' is not allowed on /${segments.join('/')}.`,
      );
    throw segmentNotFound(segments[deepestMatch] ?? '');
  }
}

function matchedPrefix(parts: readonly string[], segments: readonly string[]): number {
  let index = 0;
  while (
    index < parts.length &&
    index < segments.length &&
    (parts[index].startsWith(':') || parts[index].toLowerCase() === segments[index].toLowerCase())
  ) {
    index++;
  }
  return index;
}

function paramsOf(parts: readonly string[], segments: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  parts.forEach((part, index) => {
    if (part.startsWith(':')) params[part.slice(1)] = segments[index];
  });
  return params;
}
