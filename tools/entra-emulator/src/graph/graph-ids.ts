import { randomBytes } from 'node:crypto';

/**
 * Ids of app role assignments and OAuth2 permission grants: Graph uses 43-character base64url
 * strings for them (not GUIDs), so clients must not assume a GUID.
 */
export function relationshipId(): string {
  return randomBytes(32).toString('base64url').slice(0, 43);
}
