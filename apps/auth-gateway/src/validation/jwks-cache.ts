import { createPublicKey, type KeyObject } from 'node:crypto';
import { TokenRejection } from './token-rejection';

export type JwksFetcher = (jwksUri: string) => Promise<unknown>;

export interface JwksCacheOptions {
  /** Least time between two fetches, so a flood of tokens with made-up key ids cannot flood the IdP. */
  minRefreshIntervalMs: number;
  /** Keys are refetched at least this often even when every kid is known (Microsoft rolls keys). */
  maxAgeMs: number;
  now?: () => number;
}

interface KeySet {
  keys: Map<string, KeyObject>;
  fetchedAt: number;
}

/**
 * The signing keys of one issuer (its `jwks_uri`), cached. An unknown `kid` triggers a refresh, because
 * Microsoft may start signing with a new key before our cache expires ("Microsoft identity platform
 * signing key rollover"); refreshes are rate limited and single-flight.
 */
export class JwksCache {
  private current?: KeySet;
  private inflight?: Promise<KeySet>;
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  constructor(
    private readonly jwksUri: string,
    private readonly fetchJwks: JwksFetcher,
    private readonly options: JwksCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The RSA signing key with this id, or a rejection naming the unknown key id. */
  async key(kid: string): Promise<KeyObject> {
    let set = this.current;
    if (!set || this.now() - set.fetchedAt > this.options.maxAgeMs) set = await this.refresh(true);
    let key = set.keys.get(kid);
    if (!key && this.now() - this.lastAttempt >= this.options.minRefreshIntervalMs) {
      key = (await this.refresh(false)).keys.get(kid);
    }
    if (!key) {
      throw new TokenRejection(
        'signing-key-known',
        'OIDC Core 10.1.1; Microsoft signing key rollover',
        'no key with this kid in the issuer JWKS',
      );
    }
    return key;
  }

  /** Fetches the JWKS once for all callers waiting on it; `force` ignores the rate limit (cold cache). */
  private async refresh(force: boolean): Promise<KeySet> {
    if (this.inflight) return this.inflight;
    if (!force && this.current && this.now() - this.lastAttempt < this.options.minRefreshIntervalMs) {
      return this.current;
    }
    this.lastAttempt = this.now();
    this.inflight = this.fetchJwks(this.jwksUri)
      .then((document) => {
        this.current = { keys: signingKeys(document), fetchedAt: this.now() };
        return this.current;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }
}

/** RSA keys meant for signatures (RFC 7517 4.2 `use`), by kid; other keys are ignored. */
function signingKeys(document: unknown): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  const list = (document as { keys?: unknown })?.keys;
  if (!Array.isArray(list)) throw new Error('the JWKS has no keys array');
  for (const jwk of list as Record<string, unknown>[]) {
    if (jwk?.['kty'] !== 'RSA' || typeof jwk['kid'] !== 'string') continue;
    if (jwk['use'] !== undefined && jwk['use'] !== 'sig') continue;
    try {
      keys.set(
        jwk['kid'],
        createPublicKey({ key: { kty: 'RSA', n: String(jwk['n']), e: String(jwk['e']) }, format: 'jwk' }),
      );
    } catch {
      // One malformed key must not take the others down with it.
    }
  }
  return keys;
}
