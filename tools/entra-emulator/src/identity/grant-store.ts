import { randomBytes, randomInt } from 'node:crypto';
import type { Clock } from '../shared/clock';
import { REFRESH_TOKEN_INACTIVITY_SECONDS } from '../issued-tokens/token-lifetimes';

export interface AuthorizationCodeGrant {
  tenantId: string;
  clientAppId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  nonce?: string;
  expiresAt: number;
  redeemed: boolean;
}

export interface RefreshTokenGrant {
  tenantId: string;
  clientAppId: string;
  userId: string;
  scopes: string[];
  /** Issued to a confidential client: redeeming it needs the client's credential again. */
  confidential: boolean;
  lastUsedAt: number;
}

export type DeviceCodeState = 'pending' | 'approved' | 'declined' | 'redeemed';

export interface DeviceCodeGrant {
  deviceCode: string;
  userCode: string;
  /** The `{tenant}` segment the flow started at: a tenant id, `common` or `organizations`. */
  tenantSegment: string;
  clientAppId: string;
  scopes: string[];
  expiresAt: number;
  intervalSeconds: number;
  lastPolledAt?: number;
  state: DeviceCodeState;
  tenantId?: string;
  userId?: string;
}

/** A browser's signed-in session at the emulator (single sign-on for later authorize requests). */
export interface BrowserSession {
  tenantId: string;
  userId: string;
  expiresAt: number;
}

/** A sign-in page in progress: the validated authorize request, kept server-side between page and post. */
export interface PendingSignIn<TRequest> {
  request: TRequest;
  expiresAt: number;
}

// RFC 8628 section 6.1: user codes from a small, unambiguous alphabet (no 0/O, 1/I).
const USER_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Expired codes are kept this long, so a late redemption still gets "expired" rather than "unknown". */
const EXPIRED_GRACE_MS = 60 * 60 * 1000;
/** Expired entries are swept after this many additions, keeping a long-running emulator's memory flat. */
const SWEEP_EVERY_ADDITIONS = 500;

/** Codes, refresh tokens, device codes and sign-ins in progress: the identity half's only mutable state. */
export class GrantStore<TSignInRequest = unknown> {
  private readonly codes = new Map<string, AuthorizationCodeGrant>();
  private readonly refreshTokens = new Map<string, RefreshTokenGrant>();
  private readonly deviceCodes = new Map<string, DeviceCodeGrant>();
  private readonly signIns = new Map<string, PendingSignIn<TSignInRequest>>();
  private readonly sessions = new Map<string, BrowserSession>();
  private additions = 0;

  /** The wall clock when none is given (kept optional for callers built before sweeping existed). */
  constructor(private readonly clock: Clock = { now: () => Date.now() }) {}

  /** Drops entries that can no longer be used (and are past their grace period). */
  sweep(): void {
    const now = this.clock.now();
    const stale = (expiresAt: number) => expiresAt + EXPIRED_GRACE_MS < now;
    for (const [code, grant] of this.codes) if (stale(grant.expiresAt)) this.codes.delete(code);
    for (const [code, grant] of this.deviceCodes) if (stale(grant.expiresAt)) this.deviceCodes.delete(code);
    for (const [id, signIn] of this.signIns) if (signIn.expiresAt < now) this.signIns.delete(id);
    for (const [id, session] of this.sessions) if (session.expiresAt < now) this.sessions.delete(id);
    for (const [token, grant] of this.refreshTokens)
      if (stale(grant.lastUsedAt + REFRESH_TOKEN_INACTIVITY_SECONDS * 1000)) this.refreshTokens.delete(token);
  }

  /** Sizes, for tests and diagnostics. */
  counts(): { codes: number; refreshTokens: number; deviceCodes: number; signIns: number } {
    return {
      codes: this.codes.size,
      refreshTokens: this.refreshTokens.size,
      deviceCodes: this.deviceCodes.size,
      signIns: this.signIns.size,
    };
  }

  private added(): void {
    this.additions += 1;
    if (this.additions % SWEEP_EVERY_ADDITIONS === 0) this.sweep();
  }

  addCode(grant: AuthorizationCodeGrant): string {
    const code = opaque(48);
    this.codes.set(code, grant);
    this.added();
    return code;
  }

  code(code: string): AuthorizationCodeGrant | undefined {
    return this.codes.get(code);
  }

  addRefreshToken(grant: RefreshTokenGrant): string {
    const token = `1.${opaque(96)}`;
    this.refreshTokens.set(token, grant);
    this.added();
    return token;
  }

  refreshToken(token: string): RefreshTokenGrant | undefined {
    return this.refreshTokens.get(token);
  }

  addDeviceCode(grant: Omit<DeviceCodeGrant, 'deviceCode' | 'userCode'>): DeviceCodeGrant {
    const created: DeviceCodeGrant = { ...grant, deviceCode: opaque(64), userCode: this.freshUserCode() };
    this.deviceCodes.set(created.deviceCode, created);
    this.added();
    return created;
  }

  deviceCode(deviceCode: string): DeviceCodeGrant | undefined {
    return this.deviceCodes.get(deviceCode);
  }

  deviceCodeByUserCode(userCode: string): DeviceCodeGrant | undefined {
    const normalized = userCode.replace(/[\s-]/g, '').toUpperCase();
    for (const grant of this.deviceCodes.values()) if (grant.userCode === normalized) return grant;
    return undefined;
  }

  addSignIn(request: TSignInRequest, expiresAt: number): string {
    const id = opaque(32);
    this.signIns.set(id, { request, expiresAt });
    this.added();
    return id;
  }

  signIn(id: string): PendingSignIn<TSignInRequest> | undefined {
    return this.signIns.get(id);
  }

  removeSignIn(id: string): void {
    this.signIns.delete(id);
  }

  addSession(session: BrowserSession): string {
    const id = opaque(32);
    this.sessions.set(id, session);
    this.added();
    return id;
  }

  /** A session that has not expired. */
  session(id: string): BrowserSession | undefined {
    const session = this.sessions.get(id);
    return session && session.expiresAt > this.clock.now() ? session : undefined;
  }

  removeSession(id: string): void {
    this.sessions.delete(id);
  }

  private freshUserCode(): string {
    for (;;) {
      const code = Array.from(
        { length: 9 },
        () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)],
      ).join('');
      if (!this.deviceCodeByUserCode(code)) return code;
    }
  }
}

function opaque(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}
