import { compactVerify, decodeProtectedHeader, errors } from 'jose';
import { GraphAuthError, type AccessTokenClaims, type GraphBearerVerifier } from '../emulator.types';
import type { SigningKeyRing } from '../keys/signing-key-ring';
import { epochSeconds, type Clock } from '../shared/clock';
import type { EmulatorStore } from '../store/store.types';
import { GRAPH_AUDIENCES, v1Issuer } from './issuers';

/** Clock skew Graph tolerates on `nbf`/`exp`. */
const SKEW_SECONDS = 300;

/**
 * Verifies a Graph request's bearer token the way Graph does: a JWT signed by a published key, within
 * its lifetime, for the Graph audience, issued by a known tenant. Messages follow Graph's 401
 * `InvalidAuthenticationToken` answers.
 */
export function createGraphBearerVerifier(
  keys: SigningKeyRing,
  clock: Clock,
  store: EmulatorStore,
  audiences: ReadonlySet<string> = GRAPH_AUDIENCES,
): GraphBearerVerifier {
  return async (authorizationHeader) => {
    const token = bearerToken(authorizationHeader);
    const claims = await verifiedClaims(token, keys);
    checkLifetime(claims, epochSeconds(clock));
    if (!audiences.has(claims.aud))
      throw new GraphAuthError('Access token validation failure. Invalid audience.');
    const tenant = typeof claims.tid === 'string' ? store.tenant(claims.tid) : undefined;
    if (!tenant || claims.iss !== v1Issuer(tenant.id))
      throw new GraphAuthError('Access token validation failure. Invalid issuer.');
    return claims;
  };
}

function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw new GraphAuthError('Access token is empty.');
  return match[1];
}

async function verifiedClaims(token: string, keys: SigningKeyRing): Promise<AccessTokenClaims> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw new GraphAuthError('IDX14100: JWT is not well formed, there are no dots (.).');
  }
  const key = kid ? keys.verificationKey(kid) : undefined;
  if (!key) throw new GraphAuthError('Access token validation failure. Signing key not found.');
  try {
    const { payload } = await compactVerify(token, key.publicKey, { algorithms: ['RS256'] });
    return JSON.parse(new TextDecoder().decode(payload)) as AccessTokenClaims;
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof SyntaxError) {
      throw new GraphAuthError('Access token validation failure. Invalid signature.');
    }
    throw error;
  }
}

function checkLifetime(claims: AccessTokenClaims, now: number): void {
  if (typeof claims.exp !== 'number' || claims.exp + SKEW_SECONDS <= now) {
    throw new GraphAuthError('Lifetime validation failed, the token is expired.');
  }
  if (typeof claims.nbf === 'number' && claims.nbf - SKEW_SECONDS > now) {
    throw new GraphAuthError('Lifetime validation failed, the token is not yet valid.');
  }
}
