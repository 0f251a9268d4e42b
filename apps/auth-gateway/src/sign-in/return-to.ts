import type { ResolvedInstance } from '../instances/resolved-instance';

/**
 * RFC 9700 4.11 (open redirection): after sign-in the browser goes only to the instance's own pages.
 * Accepts a path under `/<alias>/` or an absolute URL on the instance's origin under that path;
 * anything else (other hosts, `//evil`, backslashes, control characters) falls back to the default.
 */
export function safeReturnTo(instance: ResolvedInstance, requested: unknown): string {
  const fallback = defaultReturnTo(instance);
  if (typeof requested !== 'string' || requested.length === 0 || requested.length > 1000) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(requested)) return fallback;
  const base = new URL(instance.baseUrl + '/');
  let target: URL;
  try {
    target = new URL(requested, base);
  } catch {
    return fallback;
  }
  if (target.origin !== instance.origin || !target.pathname.startsWith(base.pathname)) return fallback;
  if (target.username || target.password) return fallback;
  return `${target.pathname}${target.search}${target.hash}`;
}

/** Where a browser lands when the sign-in did not say: the gateway's own "signed in" page. */
export function defaultReturnTo(instance: ResolvedInstance): string {
  return `${new URL(instance.baseUrl).pathname}/oidc/me`;
}
