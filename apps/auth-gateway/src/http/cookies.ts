import type { CookieOptions } from 'express';

/**
 * `__Host-` cookies (RFC 6265bis 4.1.3.2): Secure, Path=/, no Domain, so no sibling host can set or
 * overwrite them.
 */
export const BROWSER_BINDING_COOKIE = '__Host-a365-bind';
export const sessionCookieName = (alias: string) => `__Host-a365-session-${alias}`;

/**
 * Binds a started sign-in to this browser. SameSite=None because the id_token flow answers with a
 * cross-site form POST from Microsoft, which Lax cookies do not accompany; it carries no authority
 * by itself (a random value whose hash the server compares).
 */
export function bindingCookieOptions(maxAgeMs: number): CookieOptions {
  return { httpOnly: true, secure: true, sameSite: 'none', path: '/', maxAge: maxAgeMs, encode: asIs };
}

/**
 * The session: HttpOnly, Secure, SameSite=Lax (sent on top-level navigations from the sign-in redirect,
 * never with cross-site POSTs or subresource requests, so a cross-site form cannot use it to sign out).
 */
export function sessionCookieOptions(maxAgeMs: number): CookieOptions {
  return { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: maxAgeMs, encode: asIs };
}

/**
 * Both values are URL-safe already (a base64url secret, a compact JWS), so percent-encoding them (the
 * default) would change nothing but cost a pass over a session token on every sign-in; the cookie
 * library still refuses a value with a character a cookie cannot hold.
 */
function asIs(value: string): string {
  return value;
}
