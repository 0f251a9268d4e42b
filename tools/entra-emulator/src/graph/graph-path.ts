import { badRequest } from './core/graph-error';

/**
 * Splits a Graph path into decoded segments and rewrites OData key and function syntax into plain
 * segments the route table understands: `applications(appId='x')` → `applications/(appId)/x`,
 * `delta()` → `delta`.
 */
export function graphPathSegments(path: string): string[] {
  const segments: string[] = [];
  for (const rawSegment of path.split('/')) {
    if (!rawSegment) continue;
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      throw badRequest(`The path segment '${rawSegment}' is not valid percent-encoding.`, 'BadRequest');
    }
    const alternateKey =
      /^([A-Za-z0-9]+)\(appId='([^']*)'\)$/.exec(segment) ??
      /^([A-Za-z0-9]+)\(appId=\{?([^)}]*)\}?\)$/.exec(segment);
    if (alternateKey) {
      segments.push(alternateKey[1], '(appId)', alternateKey[2]);
    } else if (segment.endsWith('()')) {
      segments.push(segment.slice(0, -2).replace(/^microsoft\.graph\./, ''));
    } else if (segment.startsWith('microsoft.graph.')) {
      // SDKs call functions by their qualified name, e.g. users/microsoft.graph.delta.
      segments.push(segment.slice('microsoft.graph.'.length));
    } else {
      segments.push(segment);
    }
  }
  return segments;
}
