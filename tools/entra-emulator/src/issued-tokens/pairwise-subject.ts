import { createHash } from 'node:crypto';

/**
 * `sub` differs per application for the same user, as Microsoft issues it (a pairwise identifier,
 * OpenID Connect Core section 8.1), so apps must key users on `oid` + `tid`, never on `sub` across apps.
 */
export function pairwiseSubject(tenantId: string, appId: string, userObjectId: string): string {
  return createHash('sha256')
    .update(`${tenantId}|${appId.toLowerCase()}|${userObjectId}`)
    .digest('base64url');
}
