import type { JWK } from 'jose';
import type { Clock } from '../shared/clock';
import { createSigningKey, signingKeyFrom, type SigningKey } from './signing-key';
import type { SigningKeyFile, StoredKeyRing } from './signing-key-file';

export interface PublishedJwk extends JWK {
  kty: 'RSA';
  use: 'sig';
  kid: string;
  x5t: string;
  n: string;
  e: string;
  x5c: string[];
  issuer: string;
}

interface RetiredKey {
  key: SigningKey;
  publishedUntil: number;
}

/** How long a replaced key stays in the JWKS, so tokens signed just before a rotation still verify. */
export const DEFAULT_RETIRED_KEY_RETENTION_MS = 2 * 60 * 60 * 1000;

/**
 * The emulator's token-signing keys: one current key signs, replaced keys stay published for a while.
 * Microsoft rolls its keys without notice and publishes the next and previous ones in the JWKS
 * (https://learn.microsoft.com/entra/identity-platform/signing-key-rollover), so clients must pick the
 * key by `kid`, never cache a single key.
 */
export class SigningKeyRing {
  private current: SigningKey;
  private retired: RetiredKey[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly retentionMs = DEFAULT_RETIRED_KEY_RETENTION_MS,
    /** Where the keys are kept between runs; in memory only when absent. */
    private readonly file?: SigningKeyFile,
  ) {
    this.current = createSigningKey(clock.now());
    const stored = file?.read() ?? file?.create(this.stored());
    if (stored) {
      this.current = signingKeyFrom(stored.current, stored.current.createdAt);
      this.retired = stored.retired.map((entry) => ({
        key: signingKeyFrom(entry, entry.createdAt),
        publishedUntil: entry.publishedUntil,
      }));
    }
  }

  get signingKey(): SigningKey {
    return this.current;
  }

  /** Makes a new key current; the old one remains published (and verifiable) for the retention time. */
  rotate(): { kid: string; previousKid: string } {
    const previous = this.current;
    this.current = createSigningKey(this.clock.now());
    this.retired.unshift({ key: previous, publishedUntil: this.clock.now() + this.retentionMs });
    this.save();
    return { kid: this.current.kid, previousKid: previous.kid };
  }

  /** A published key by `kid`, or undefined when unknown or retired long enough ago. */
  verificationKey(kid: string): SigningKey | undefined {
    return this.publishedKeys().find((key) => key.kid === kid);
  }

  publishedKeys(): SigningKey[] {
    const now = this.clock.now();
    this.retired = this.retired.filter((entry) => entry.publishedUntil > now);
    return [this.current, ...this.retired.map((entry) => entry.key)];
  }

  /** The JWKS document (https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys shape). */
  jwks(issuer: string): { keys: PublishedJwk[] } {
    return {
      keys: this.publishedKeys().map((key) => {
        const { n, e } = key.publicKey.export({ format: 'jwk' });
        return {
          kty: 'RSA',
          use: 'sig',
          kid: key.kid,
          x5t: key.x5t,
          n: n ?? '',
          e: e ?? '',
          x5c: [key.x5c],
          issuer,
        };
      }),
    };
  }

  private save(): void {
    this.file?.write(this.stored());
  }

  private stored(): StoredKeyRing {
    return {
      current: { ...this.current.pem, createdAt: this.current.createdAt },
      retired: this.retired.map(({ key, publishedUntil }) => ({
        ...key.pem,
        createdAt: key.createdAt,
        publishedUntil,
      })),
    };
  }
}
