import { createHash } from 'node:crypto';

/**
 * A GUID derived from a name (RFC 4122 section 4.3, version 5 layout over SHA-1), so the same tenant
 * always gets the same object ids for Microsoft's first-party service principals and generated fixtures
 * stay reproducible.
 */
export function deterministicId(...nameParts: string[]): string {
  const hash = createHash('sha1').update(nameParts.join('\u0000')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
