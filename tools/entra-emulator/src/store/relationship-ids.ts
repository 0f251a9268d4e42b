import { randomUUID } from 'node:crypto';

/**
 * Ids of app role assignments and OAuth2 permission grants as Graph makes them: not GUIDs but the
 * base64url of GUIDs in .NET byte order (the first three groups little-endian). An assignment's id
 * starts with its principal's id, then a GUID of its own (32 bytes, 43 characters); a grant's id is
 * its client's and its resource's ids, and the user's for a `Principal` grant. Clients must not
 * assume a GUID, and some decode the principal from it.
 */
export function appRoleAssignmentId(principalId: string): string {
  return encodeGuids([principalId, randomUUID()]);
}

export function permissionGrantId(clientId: string, resourceId: string, principalId?: string | null): string {
  return encodeGuids(principalId ? [clientId, resourceId, principalId] : [clientId, resourceId]);
}

/** The principal id encoded at the start of an appRoleAssignment id, if it is one. */
export function principalIdOfAssignment(assignmentId: string): string | undefined {
  const bytes = Buffer.from(assignmentId, 'base64url');
  return bytes.length >= 16 ? guidFromBytes(bytes.subarray(0, 16)) : undefined;
}

function encodeGuids(guids: string[]): string {
  return Buffer.concat(guids.map(guidBytes)).toString('base64url');
}

function guidBytes(guid: string): Buffer {
  const hex = guid.replace(/-/g, '');
  const bytes = Buffer.from(/^[0-9a-fA-F]{32}$/.test(hex) ? hex : randomUUID().replace(/-/g, ''), 'hex');
  // .NET's Guid.ToByteArray(): Data1 (4 bytes), Data2 and Data3 (2 bytes each) little-endian.
  bytes.subarray(0, 4).reverse();
  bytes.subarray(4, 6).reverse();
  bytes.subarray(6, 8).reverse();
  return bytes;
}

function guidFromBytes(bytes: Buffer): string {
  const copy = Buffer.from(bytes);
  copy.subarray(0, 4).reverse();
  copy.subarray(4, 6).reverse();
  copy.subarray(6, 8).reverse();
  const hex = copy.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
