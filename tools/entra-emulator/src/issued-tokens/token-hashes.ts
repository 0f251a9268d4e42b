import { createHash } from 'node:crypto';

/**
 * `c_hash` / `at_hash` (OpenID Connect Core 3.3.2.11, 3.2.2.9): base64url of the left half of the SHA-256
 * of the code or access token, SHA-256 because the id_token is signed with RS256.
 */
export function leftHalfHash(value: string): string {
  const digest = createHash('sha256').update(value, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}
