import { hash, randomUUID, sign, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import * as jose from 'jose';
import { AUTH_GATEWAY_CONFIG, AuthGatewayConfig } from '../app/auth-gateway.config';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';
import {
  ARCHIVE_TOKEN_AUDIENCE,
  BROWSER_SESSION_AUDIENCE,
  identityOf,
  type ArchiveIdentity,
} from './archive-identity';
import { SESSION_ALGORITHM, SessionKeysService } from './session-keys.service';
import { SpentTokensRepository } from './spent-tokens.repository';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/**
 * Archive tokens (short-lived, for the add-in and other archive components; RFC 9068 shape) and the
 * browser session carried in the cookie. Both are signed with this replica's key from
 * {@link SessionKeysService}; a session ended by logout is remembered until it would have expired.
 */
@Injectable()
export class SessionTokensService {
  constructor(
    @Inject(AUTH_GATEWAY_CONFIG) private readonly config: AuthGatewayConfig,
    private readonly keys: SessionKeysService,
    private readonly spent: SpentTokensRepository,
  ) {}

  async archiveToken(identity: ArchiveIdentity, issuer: string): Promise<IssuedToken> {
    return this.sign(
      identity,
      issuer,
      ARCHIVE_TOKEN_AUDIENCE,
      'at+jwt',
      this.config.ARCHIVE_TOKEN_TTL_SECONDS,
    );
  }

  async browserSession(identity: ArchiveIdentity, issuer: string): Promise<IssuedToken> {
    return this.sign(
      identity,
      issuer,
      BROWSER_SESSION_AUDIENCE,
      'JWT',
      this.config.BROWSER_SESSION_TTL_SECONDS,
    );
  }

  /** The identity of a session cookie, if it is ours, unexpired, for this instance and not logged out. */
  async verifyBrowserSession(
    token: string,
    issuer: string,
  ): Promise<ArchiveIdentity & { sessionId: string; expiresAt: number }> {
    let payload: jose.JWTPayload;
    try {
      payload = (
        await jose.jwtVerify(token, (header) => this.publicKey(header), {
          issuer,
          audience: BROWSER_SESSION_AUDIENCE,
          algorithms: [SESSION_ALGORITHM],
          clockTolerance: this.config.CLOCK_SKEW_SECONDS,
        })
      ).payload;
    } catch {
      throw new SignInError(SignInErrorCode.NotSignedIn, { internal: 'session cookie did not verify' });
    }
    const sessionId = String(payload.jti);
    if (await this.spent.isSpent(digest(sessionId))) {
      throw new SignInError(SignInErrorCode.NotSignedIn, { internal: 'session ended by logout' });
    }
    return {
      ...identityOf(payload['archive'] as ArchiveIdentity),
      sessionId,
      expiresAt: Number(payload.exp) * 1000,
    };
  }

  /** Logout: the session stops working on every replica, even if the cookie was copied. */
  async endBrowserSession(sessionId: string, expiresAt: number): Promise<void> {
    await this.spent.spend(digest(sessionId), 'session', expiresAt);
  }

  private sign(
    identity: ArchiveIdentity,
    issuer: string,
    audience: string,
    typ: string,
    ttlSeconds: number,
  ): IssuedToken {
    const key = this.keys.signingKey();
    const now = Math.floor(Date.now() / 1000);
    const token = signEs256(
      { alg: SESSION_ALGORITHM, kid: key.kid, typ },
      {
        tid: identity.tid,
        oid: identity.oid,
        name: identity.user.displayName,
        preferred_username: identity.user.userName,
        email: identity.user.primaryAddress,
        amr: [identity.method],
        archive: identityOf(identity),
        iss: issuer,
        sub: identity.user.archiveUserId,
        aud: audience,
        iat: now,
        nbf: now,
        exp: now + ttlSeconds,
        jti: randomUUID(),
      },
      key.privateKey,
    );
    return { token, expiresAt: new Date((now + ttlSeconds) * 1000) };
  }

  private async publicKey(header: jose.JWTHeaderParameters): Promise<jose.CryptoKey | Uint8Array> {
    let jwk = (await this.keys.jwks()).keys.find((key) => key.kid === header.kid);
    jwk ??= (await this.keys.jwks(true)).keys.find((key) => key.kid === header.kid);
    if (!jwk) throw new Error('unknown session key');
    return (await jose.importJWK(jwk, SESSION_ALGORITHM)) as jose.CryptoKey;
  }
}

/** A compact JWS (RFC 7515) signed with ES256: the signature as R || S (RFC 7518 3.4), not DER. */
function signEs256(header: object, payload: object, privateKey: KeyObject): string {
  const input = `${base64url(header)}.${base64url(payload)}`;
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function digest(value: string): string {
  return hash('sha256', value, 'hex');
}
