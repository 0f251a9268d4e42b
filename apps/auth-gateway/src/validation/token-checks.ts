import { verify, type KeyObject } from 'node:crypto';
import type { CompactJws, JwtClaims } from './compact-jws';
import { TokenRejection } from './token-rejection';

/**
 * Each check enforces one rule and names it. They run in the order the validators call them; none of
 * them trusts a claim before `checkSignature` passed, except `checkAlgorithmAllowed`, which guards it.
 */

/** Microsoft signs id_tokens and access tokens with RS256; nothing else is accepted. */
export const ALLOWED_ALGORITHMS = ['RS256'] as const;

/**
 * RFC 8725 3.1 and 2.1 (`alg: none`, HS256 keyed with the public key), RFC 9700 4.? (use of asymmetric
 * algorithms), OIDC Core 3.1.3.7 step 7: the algorithm must be one we expect, decided before verifying.
 */
export function checkAlgorithmAllowed(jws: CompactJws): string {
  const alg = jws.header.alg;
  if (typeof alg !== 'string' || !(ALLOWED_ALGORITHMS as readonly string[]).includes(alg)) {
    throw new TokenRejection(
      'algorithm-allowed',
      'RFC 8725 3.1; OIDC Core 3.1.3.7 step 7',
      `alg ${String(alg)}`,
    );
  }
  if (jws.header.crit !== undefined) {
    throw new TokenRejection('no-critical-extensions', 'RFC 7515 4.1.11', 'crit header not understood');
  }
  if (typeof jws.header.kid !== 'string' || jws.header.kid.length === 0 || jws.header.kid.length > 256) {
    throw new TokenRejection('key-id-present', 'OIDC Core 10.1', 'the token names no signing key (kid)');
  }
  return jws.header.kid;
}

/** OIDC Core 3.1.3.7 step 6 and 3.2.2.11; RFC 7515 5.2: the signature by the issuer's key. */
export function checkSignature(jws: CompactJws, key: KeyObject): void {
  const ok = jws.signature.length > 0 && verify('sha256', Buffer.from(jws.signingInput), key, jws.signature);
  if (!ok) throw new TokenRejection('signature', 'OIDC Core 3.1.3.7 step 6; RFC 7515 5.2', 'bad signature');
}

/** OIDC Core 3.1.3.7 step 2: `iss` exactly the discovered issuer of the instance's tenant. */
export function checkIssuer(claims: JwtClaims, expectedIssuer: string): void {
  if (claims['iss'] !== expectedIssuer) {
    throw new TokenRejection('issuer', 'OIDC Core 3.1.3.7 step 2', `iss ${String(claims['iss'])}`);
  }
}

/**
 * Microsoft identity platform, "Validate the issuer" for multi-tenant apps: `tid` must be one of the
 * tenants this instance accepts (openid-client accepts any tenant for the `{tenantid}` template).
 */
export function checkTenantAllowed(claims: JwtClaims, allowedTenantIds: readonly string[]): string {
  const tid = claims['tid'];
  if (typeof tid !== 'string' || !allowedTenantIds.includes(tid.toLowerCase())) {
    throw new TokenRejection(
      'tenant-allowed',
      'Microsoft token validation: tid allow-list',
      `tid ${String(tid)}`,
    );
  }
  return tid.toLowerCase();
}

/** OIDC Core 3.1.3.7 step 3; RFC 7519 4.1.3: our client id (or API id) must be the audience. */
export function checkAudience(claims: JwtClaims, acceptedAudiences: readonly string[]): void {
  const aud = claims['aud'];
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.some((one) => typeof one === 'string' && acceptedAudiences.includes(one))) {
    throw new TokenRejection('audience', 'OIDC Core 3.1.3.7 step 3; RFC 7519 4.1.3', 'not for this app');
  }
  // OIDC Core 3.1.3.7 step 4: other audiences need an azp naming us; we accept no shared tokens at all.
  if (audiences.length !== 1) {
    throw new TokenRejection('single-audience', 'OIDC Core 3.1.3.7 step 4', 'several audiences');
  }
}

/** OIDC Core 3.1.3.7 step 5: where `azp` is present it must be a client we trust. */
export function checkAuthorizedParty(
  claims: JwtClaims,
  acceptedParties: readonly string[],
  required = false,
): void {
  const azp = claims['azp'];
  if (azp === undefined && !required) return;
  if (typeof azp !== 'string' || !acceptedParties.includes(azp)) {
    throw new TokenRejection('authorized-party', 'OIDC Core 3.1.3.7 step 5', `azp ${String(azp)}`);
  }
}

/** OIDC Core 3.1.3.7 step 9; RFC 7519 4.1.4 and 4.1.5: within exp and nbf, allowing a small skew. */
export function checkLifetime(claims: JwtClaims, nowSeconds: number, skewSeconds: number): void {
  const exp = claims['exp'];
  if (typeof exp !== 'number' || !Number.isFinite(exp) || nowSeconds - skewSeconds >= exp) {
    throw new TokenRejection('not-expired', 'OIDC Core 3.1.3.7 step 9; RFC 7519 4.1.4', 'expired');
  }
  const nbf = claims['nbf'];
  if (nbf !== undefined && (typeof nbf !== 'number' || nowSeconds + skewSeconds < nbf)) {
    throw new TokenRejection('not-before', 'RFC 7519 4.1.5', 'not yet valid');
  }
}

/** OIDC Core 3.1.3.7 step 10: `iat` present and not in the future (beyond the skew). */
export function checkIssuedAt(claims: JwtClaims, nowSeconds: number, skewSeconds: number): void {
  const iat = claims['iat'];
  if (typeof iat !== 'number' || !Number.isFinite(iat) || iat > nowSeconds + skewSeconds) {
    throw new TokenRejection('issued-at', 'OIDC Core 3.1.3.7 step 10', 'iat missing or in the future');
  }
}

/** OIDC Core 3.1.3.7 step 11 and 15.5.2; RFC 9700 4.5.3.2: the nonce we sent, bound to this sign-in. */
export function checkNonce(claims: JwtClaims, expectedNonce: string): void {
  if (typeof claims['nonce'] !== 'string' || claims['nonce'] !== expectedNonce) {
    throw new TokenRejection('nonce', 'OIDC Core 3.1.3.7 step 11; RFC 9700 4.5.3.2', 'nonce mismatch');
  }
}

/** Microsoft identity platform: users are keyed on (`tid`, `oid`); both must be GUIDs. */
export function checkUserIdentity(claims: JwtClaims): { tid: string; oid: string } {
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const { tid, oid } = claims;
  if (typeof tid !== 'string' || !guid.test(tid) || typeof oid !== 'string' || !guid.test(oid)) {
    throw new TokenRejection(
      'user-identity',
      'Microsoft claims reference: oid and tid',
      'missing oid or tid',
    );
  }
  return { tid: tid.toLowerCase(), oid: oid.toLowerCase() };
}

/** Microsoft "Validate tokens": a v2.0 access token (our API accepts only the v2 endpoint's format). */
export function checkAccessTokenVersion(claims: JwtClaims): void {
  if (claims['ver'] !== '2.0') {
    throw new TokenRejection(
      'token-version',
      'Microsoft access token claims: ver',
      `ver ${String(claims['ver'])}`,
    );
  }
}

/** Microsoft "Validate the scopes": a delegated token must carry our API's scope in `scp`. */
export function checkDelegatedScope(claims: JwtClaims, requiredScope: string): void {
  const scp = claims['scp'];
  if (typeof scp !== 'string' || !scp.split(' ').includes(requiredScope)) {
    throw new TokenRejection('scope', 'Microsoft token validation: scp', `scp ${String(scp)}`);
  }
}
