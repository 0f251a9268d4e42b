import { SignJWT, type JWTPayload } from 'jose';
import type { SigningKeyRing } from '../keys/signing-key-ring';

/**
 * Signs a token with the current key. Microsoft signs with RS256 and names the key in both `kid` and
 * `x5t` (https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference#header-claims).
 */
export async function signJwt(keys: SigningKeyRing, payload: JWTPayload): Promise<string> {
  const key = keys.signingKey;
  return new SignJWT(payload)
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', x5t: key.x5t, kid: key.kid })
    .sign(key.privateKey);
}
