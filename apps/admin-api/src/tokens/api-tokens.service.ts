import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@archive365/contracts';
import type { Principal } from '../auth/principal';
import { AdminApiError } from '../http/admin-api.error';
import { pageBounds, type Page, type PageQuery } from '../pagination/page';
import type { AccessToken } from './access-token.entity';
import { AccessTokenStore } from './access-token.repository';
import { newTokenSecret } from './token-secret';
import type { ApiTokenView, IssuedApiToken, NewApiTokenBody } from './tokens-http.dto';

const DEFAULT_EXPIRY_DAYS = 90;

/** API tokens for automation: created with a scope and an expiry, listed, revoked. */
@Injectable()
export class ApiTokensService {
  constructor(private readonly tokens: AccessTokenStore) {}

  async issue(body: NewApiTokenBody, by: Principal): Promise<IssuedApiToken> {
    const secret = newTokenSecret();
    const days = body.expiresInDays ?? DEFAULT_EXPIRY_DAYS;
    const token = await this.tokens.issue(
      {
        kind: 'api',
        name: body.name,
        instances: body.instances ? [...new Set(body.instances)].sort() : null,
        createdBy: by.name,
        expiresAt: new Date(Date.now() + days * 86_400_000),
      },
      secret,
    );
    return { ...toView(token), token: secret };
  }

  async list(query: PageQuery): Promise<Page<ApiTokenView>> {
    const { limit, offset } = pageBounds(query);
    const [rows, total] = await this.tokens.page('api', limit, offset);
    return { items: rows.map((row) => toView(row)), total, limit, offset };
  }

  async get(id: string): Promise<ApiTokenView> {
    return toView(await this.existing(id));
  }

  async revoke(id: string): Promise<ApiTokenView> {
    await this.existing(id);
    await this.tokens.revoke(id);
    return toView(await this.existing(id));
  }

  private async existing(id: string): Promise<AccessToken> {
    const token = await this.tokens.find(id, 'api');
    if (!token) {
      throw new AdminApiError({
        code: ErrorCode.NotFound,
        message: `no API token has the id ${id}`,
        field: 'id',
        reason: 'TOKEN_NOT_FOUND',
        hint: 'list the tokens to see their ids',
      });
    }
    return token;
  }
}

function toView(token: AccessToken, now = new Date()): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    instances: token.instances === null ? null : (JSON.parse(token.instances) as string[]),
    createdBy: token.createdBy,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
    lastUsedAt: token.lastUsedAt,
    state: token.revokedAt ? 'revoked' : new Date(token.expiresAt) <= now ? 'expired' : 'active',
  };
}
