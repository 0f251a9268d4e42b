import { parseCompactJws, type JwtClaims } from './compact-jws';
import type { JwksCache } from './jwks-cache';
import {
  checkAccessTokenVersion,
  checkAlgorithmAllowed,
  checkAudience,
  checkAuthorizedParty,
  checkDelegatedScope,
  checkIssuedAt,
  checkIssuer,
  checkLifetime,
  checkNonce,
  checkSignature,
  checkTenantAllowed,
  checkUserIdentity,
} from './token-checks';

/** What a token must match: the instance's tenant, its app registration, the time. */
export interface TokenExpectations {
  /** The discovered issuer of the instance's tenant, e.g. `https://login.microsoftonline.com/{tid}/v2.0`. */
  issuer: string;
  /** Our own allow-list: openid-client alone would accept any Entra tenant for a multi-tenant issuer. */
  allowedTenantIds: readonly string[];
  /** The app registration users sign in to. */
  clientId: string;
  jwks: JwksCache;
  nowSeconds: number;
  skewSeconds: number;
}

export interface ValidatedIdentity {
  tid: string;
  oid: string;
  claims: JwtClaims;
}

/** Signature first (after the algorithm guard), then every claim; any failure is a TokenRejection. */
async function verifiedClaims(token: string, expect: TokenExpectations): Promise<JwtClaims> {
  const jws = parseCompactJws(token);
  const kid = checkAlgorithmAllowed(jws);
  checkSignature(jws, await expect.jwks.key(kid));
  const claims = jws.claims;
  // The tenant before the issuer: both refuse another tenant's token, this one says which refusal it is.
  checkTenantAllowed(claims, expect.allowedTenantIds);
  checkIssuer(claims, expect.issuer);
  checkLifetime(claims, expect.nowSeconds, expect.skewSeconds);
  checkIssuedAt(claims, expect.nowSeconds, expect.skewSeconds);
  return claims;
}

/** An id_token from the authorization response (implicit) or the token endpoint (code flow). */
export async function validateIdToken(
  token: string,
  expect: TokenExpectations & { nonce: string },
): Promise<ValidatedIdentity> {
  const validated = await validateIdTokenBeforeNonce(token, expect);
  confirmNonce(validated, expect.nonce);
  return validated;
}

/**
 * Every id_token check except the nonce, for a caller that learns the nonce only when it takes the
 * sign-in attempt (the form_post callback takes the attempt and spends the token in one statement); it
 * must then call {@link confirmNonce} before trusting the identity.
 */
export async function validateIdTokenBeforeNonce(
  token: string,
  expect: TokenExpectations,
): Promise<ValidatedIdentity> {
  const claims = await verifiedClaims(token, expect);
  checkAudience(claims, [expect.clientId]);
  checkAuthorizedParty(claims, [expect.clientId]);
  return { ...checkUserIdentity(claims), claims };
}

export function confirmNonce(validated: ValidatedIdentity, nonce: string): void {
  checkNonce(validated.claims, nonce);
}

/**
 * An access token for our own API, obtained by the Outlook add-in through nested app authentication.
 * v2.0 tokens name the API by its client id; `api://{clientId}` is accepted as the App ID URI form.
 */
export async function validateApiAccessToken(
  token: string,
  expect: TokenExpectations & { scope: string; clientApps: readonly string[] },
): Promise<ValidatedIdentity> {
  const claims = await verifiedClaims(token, expect);
  checkAccessTokenVersion(claims);
  checkAudience(claims, [expect.clientId, `api://${expect.clientId}`]);
  checkAuthorizedParty(claims, expect.clientApps, true);
  checkDelegatedScope(claims, expect.scope);
  return { ...checkUserIdentity(claims), claims };
}
