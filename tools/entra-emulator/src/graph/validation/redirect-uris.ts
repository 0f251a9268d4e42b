import { invalidValue } from './body-checks';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Web redirect URIs must be absolute `https` URLs without a fragment; plain `http` is accepted only
 * for loopback addresses ("Redirect URI (reply URL) restrictions",
 * https://learn.microsoft.com/entra/identity-platform/reply-url).
 */
export function checkRedirectUris(uris: readonly string[], resource: string): void {
  if (uris.length > 256) invalidValue('redirectUris', resource, 'at most 256 redirect URIs are allowed.');
  for (const uri of uris) {
    let parsed: URL;
    try {
      parsed = new URL(uri);
    } catch {
      return invalidValue('redirectUris', resource, `'${uri}' is not an absolute URI.`);
    }
    if (parsed.hash) invalidValue('redirectUris', resource, `'${uri}' must not contain a fragment (#).`);
    if (uri.length > 256) invalidValue('redirectUris', resource, `'${uri}' is longer than 256 characters.`);
    const loopback = LOOPBACK_HOSTS.has(parsed.hostname);
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
      invalidValue('redirectUris', resource, `'${uri}' must use https (http is allowed only for localhost).`);
    }
  }
}
