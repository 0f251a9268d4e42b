/**
 * Query parameters that are credentials in an OpenID Connect or OAuth redirect: the one-time
 * authorization `code` (redeemable until it is used), the `state` that binds the response to the
 * browser, and tokens a `response_mode=query` would put there (RFC 6749 4.1.2, OIDC Core 3.2.2.5).
 * A callback URL in a log line must not hand them to whoever reads the logs.
 */
export const SECRET_QUERY_PARAMETERS: ReadonlySet<string> = new Set([
  'code',
  'state',
  'id_token',
  'access_token',
  'refresh_token',
]);

const CENSOR = '[redacted]';

/** The URL (a path with its query, or an absolute URL) with the values of secret parameters replaced. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const fragmentStart = url.indexOf('#', queryStart);
  const end = fragmentStart < 0 ? url.length : fragmentStart;
  const query = url
    .slice(queryStart + 1, end)
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=');
      const name = separator < 0 ? pair : pair.slice(0, separator);
      return separator >= 0 && isSecretParameter(name) ? `${name}=${CENSOR}` : pair;
    })
    .join('&');
  return `${url.slice(0, queryStart + 1)}${query}${url.slice(end)}`;
}

/** A parsed query (`req.query`) with the same values replaced; a copy, the request keeps its own. */
export function redactQuery(query: unknown): unknown {
  if (query === null || typeof query !== 'object') return query;
  const copy: Record<string, unknown> = { ...(query as Record<string, unknown>) };
  for (const name of Object.keys(copy)) {
    if (SECRET_QUERY_PARAMETERS.has(name)) copy[name] = CENSOR;
  }
  return copy;
}

/** Names are compared decoded (`id%5Ftoken` is `id_token` to the server that parses it). */
function isSecretParameter(encodedName: string): boolean {
  let name = encodedName.replace(/\+/g, ' ');
  try {
    name = decodeURIComponent(name);
  } catch {
    // A malformed escape is not a parameter a server would read as one of ours.
  }
  return SECRET_QUERY_PARAMETERS.has(name);
}
