import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * RFC 7636 section 4.6: S256 compares BASE64URL(SHA256(verifier)) with the challenge, plain compares
 * them directly. Microsoft accepts both methods (plain is the default when a challenge has no method).
 */
export function pkceVerifierMatches(verifier: string, challenge: string, method: 'S256' | 'plain'): boolean {
  // RFC 7636 section 4.1: 43 to 128 characters from the unreserved set.
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  const derived =
    method === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
  const a = Buffer.from(derived);
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
