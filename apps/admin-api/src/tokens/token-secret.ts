import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API tokens and sessions start with this, so a leaked one is recognisable (and secret scanners can match it). */
export const TOKEN_PREFIX = 'a365_';

export function newTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two secrets without leaking where they differ (both hashed first: equal lengths). */
export function sameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(
    Buffer.from(hashTokenSecret(presented), 'hex'),
    Buffer.from(hashTokenSecret(expected), 'hex'),
  );
}
