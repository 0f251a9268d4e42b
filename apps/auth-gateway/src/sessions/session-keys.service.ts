import { KeyObject, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import * as jose from 'jose';
import { AUTH_GATEWAY_CONFIG, AuthGatewayConfig } from '../app/auth-gateway.config';
import { SessionPublicKeysRepository } from './session-public-keys.repository';

export const SESSION_ALGORITHM = 'ES256';
/** How long the published key list is reused before the table is read again (unknown kids read it at once). */
const PUBLISHED_CACHE_MS = 30_000;
const FORCED_RELOAD_MIN_MS = 5_000;

interface SigningKey {
  kid: string;
  /** A Node KeyObject: signing with node:crypto directly is cheaper than WebCrypto's async job. */
  privateKey: KeyObject;
  createdAt: number;
}

/**
 * This replica's signing key for archive tokens and browser sessions, and everyone's public keys.
 * The private key lives only in memory: each replica makes a pair at start-up and every
 * SESSION_KEY_ROTATION_SECONDS, and publishes the public half (with how long it stays published:
 * until the last token it can have signed expired). A restart therefore rotates too.
 */
@Injectable()
export class SessionKeysService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SessionKeysService.name);
  private active?: SigningKey;
  private published?: { keys: jose.JSONWebKeySet; loadedAt: number };
  private rotation?: NodeJS.Timeout;

  constructor(
    @Inject(AUTH_GATEWAY_CONFIG) private readonly config: AuthGatewayConfig,
    private readonly keys: SessionPublicKeysRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.rotate();
    this.rotation = setInterval(() => {
      this.rotate().catch((error: unknown) =>
        this.logger.error({ err: error }, 'session key rotation failed'),
      );
    }, this.config.SESSION_KEY_ROTATION_SECONDS * 1000);
    this.rotation.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.rotation);
  }

  /** A new pair signs from now on; the previous public key stays published until its tokens expired. */
  async rotate(now = Date.now()): Promise<void> {
    const { publicKey, privateKey } = await jose.generateKeyPair(SESSION_ALGORITHM, { extractable: true });
    const kid = `${new Date(now).toISOString().slice(0, 10)}-${randomUUID()}`;
    const longestToken = Math.max(
      this.config.ARCHIVE_TOKEN_TTL_SECONDS,
      this.config.BROWSER_SESSION_TTL_SECONDS,
    );
    const publicJwk = { ...(await jose.exportJWK(publicKey)), kid, alg: SESSION_ALGORITHM, use: 'sig' };
    await this.keys.publish({
      kid,
      publicJwk: JSON.stringify(publicJwk),
      createdAt: now,
      publishedUntil: now + (this.config.SESSION_KEY_ROTATION_SECONDS + longestToken + 60) * 1000,
    });
    this.active = { kid, privateKey: KeyObject.from(privateKey as jose.CryptoKey), createdAt: now };
    this.published = undefined;
    await this.keys.purgeRetired(now);
  }

  signingKey(): SigningKey {
    if (!this.active) throw new Error('the session signing key is not ready');
    return this.active;
  }

  /** The JWKS other archive components verify archive tokens with (public keys of every replica). */
  async jwks(forceReload = false): Promise<jose.JSONWebKeySet> {
    const now = Date.now();
    const age = this.published ? now - this.published.loadedAt : Number.POSITIVE_INFINITY;
    // A forced reload (unknown kid) is still limited, so forged cookies cannot hammer the table.
    if (this.published && age < (forceReload ? FORCED_RELOAD_MIN_MS : PUBLISHED_CACHE_MS)) {
      return this.published.keys;
    }
    const rows = await this.keys.published(now);
    this.published = {
      keys: { keys: rows.map((row) => JSON.parse(row.publicJwk) as jose.JWK) },
      loadedAt: now,
    };
    return this.published.keys;
  }
}
