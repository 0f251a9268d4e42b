import { Inject, Injectable } from '@nestjs/common';
import { AdminApiErrorCode } from '@archive365/contracts';
import type { Request } from 'express';
import type { AdminApiConfig } from '../app/admin-api.config';
import { ADMIN_API_CONFIG } from '../app/admin-api.tokens';
import { AdminApiError } from '../http/admin-api.error';
import { AccessTokenStore } from '../tokens/access-token.repository';
import { sameSecret } from '../tokens/token-secret';
import { SESSION_COOKIE } from './auth.constants';
import type { Principal } from './principal';

export type Authentication = { principal: Principal } | { refusal: AdminApiError };

/** Recognises the caller: `Authorization: Bearer <token>` (RFC 6750) or the session cookie. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly tokens: AccessTokenStore,
    @Inject(ADMIN_API_CONFIG) private readonly config: AdminApiConfig,
  ) {}

  async authenticate(request: Request): Promise<Authentication | undefined> {
    const presented = bearerOf(request) ?? cookieOf(request, SESSION_COOKIE);
    if (presented === undefined) return undefined;
    const bootstrap = this.config.ADMIN_BOOTSTRAP_TOKEN;
    if (bootstrap && sameSecret(presented, bootstrap)) {
      return { principal: { kind: 'bootstrap', id: null, name: 'bootstrap token', instances: null } };
    }
    const token = await this.tokens.findBySecret(presented);
    if (!token) return { refusal: unauthenticated('TOKEN_UNKNOWN', 'the token or session is not known') };
    if (token.revokedAt) {
      return { refusal: unauthenticated('TOKEN_REVOKED', `the ${describe(token.kind)} was revoked`) };
    }
    if (new Date(token.expiresAt) <= new Date()) {
      return { refusal: unauthenticated('TOKEN_EXPIRED', `the ${describe(token.kind)} expired`) };
    }
    await this.tokens.markUsed(token);
    return {
      principal: {
        kind: token.kind === 'session' ? 'session' : 'token',
        id: token.id,
        name: token.name,
        instances: token.instances === null ? null : (JSON.parse(token.instances) as string[]),
      },
    };
  }
}

export function missingCredentials(): AdminApiError {
  return unauthenticated(
    'CREDENTIALS_MISSING',
    'this route needs an API token (Authorization: Bearer a365_...) or a signed-in session',
  );
}

function unauthenticated(reason: string, message: string): AdminApiError {
  return new AdminApiError({
    code: AdminApiErrorCode.Unauthenticated,
    message,
    reason,
    hint: 'sign in again at /api/auth/signin, or ask an administrator for a new API token',
  });
}

function describe(kind: 'api' | 'session'): string {
  return kind === 'session' ? 'session' : 'API token';
}

function bearerOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

export function cookieOf(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
