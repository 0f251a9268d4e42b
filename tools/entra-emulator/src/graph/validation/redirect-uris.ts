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

/**
 * SPA redirect URIs: as web ones, plus the brokers' `brk-{id}://{origin}` URIs that nested app
 * authentication uses (`brk-multihub://` for Office add-ins,
 * https://learn.microsoft.com/office/dev/add-ins/develop/enable-nested-app-authentication-in-your-add-in).
 */
export function checkSpaRedirectUris(uris: readonly string[], resource: string): void {
  checkRedirectUris(
    uris.filter((uri) => !/^brk-[a-z0-9-]+:\/\/[^\s/]+$/i.test(uri)),
    resource,
  );
}
