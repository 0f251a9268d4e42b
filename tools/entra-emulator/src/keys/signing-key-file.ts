import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFileExclusive, writeFileAtomic } from '../tls/atomic-file';
import type { IssuedCertificate } from '../tls/x509-builder';

const SIGNING_KEYS_FILE = 'signing-keys.json';

/** What is kept of the key ring between runs: the current key and the still-published old ones. */
export interface StoredKeyRing {
  current: StoredKey;
  retired: (StoredKey & { publishedUntil: number })[];
}

export interface StoredKey extends IssuedCertificate {
  createdAt: number;
}

/**
 * The token-signing keys in the state directory, readable by the owner only. Keeping them means
 * tokens that services cached before an emulator restart still verify after it.
 */
export class SigningKeyFile {
  private readonly path: string;

  constructor(stateDir: string) {
    this.path = join(stateDir, SIGNING_KEYS_FILE);
  }

  read(): StoredKeyRing | undefined {
    if (!existsSync(this.path)) return undefined;
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
      return isStoredKeyRing(parsed) ? parsed : undefined;
    } catch {
      // A damaged file is replaced by fresh keys rather than stopping the emulator.
      return undefined;
    }
  }

  /** Keeps the first ring written when several emulators start together; returns the ring in force. */
  create(ring: StoredKeyRing): StoredKeyRing {
    if (createFileExclusive(this.path, JSON.stringify(ring), 0o600)) return ring;
    return this.read() ?? ring;
  }

  write(ring: StoredKeyRing): void {
    writeFileAtomic(this.path, JSON.stringify(ring), 0o600);
  }
}

function isStoredKey(value: unknown): value is StoredKey {
  if (typeof value !== 'object' || value === null) return false;
  const key = value as Record<string, unknown>;
  return (
    typeof key.certPem === 'string' && typeof key.keyPem === 'string' && typeof key.createdAt === 'number'
  );
}

function isStoredKeyRing(value: unknown): value is StoredKeyRing {
  if (typeof value !== 'object' || value === null) return false;
  const ring = value as Record<string, unknown>;
  return (
    isStoredKey(ring.current) &&
    Array.isArray(ring.retired) &&
    ring.retired.every(
      (entry: unknown) =>
        isStoredKey(entry) && typeof (entry as { publishedUntil?: unknown }).publishedUntil === 'number',
    )
  );
}
