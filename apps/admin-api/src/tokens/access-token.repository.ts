import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AccessToken, type AccessTokenKind } from './access-token.entity';
import { hashTokenSecret } from './token-secret';

export interface NewAccessToken {
  kind: AccessTokenKind;
  name: string;
  instances: string[] | null;
  administratorId?: string;
  createdBy: string;
  expiresAt: Date;
}

/** Owns `access_tokens`: API tokens and sessions, found by the hash of their secret. */
@Injectable()
export class AccessTokenStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get tokens() {
    return this.dataSource.getRepository(AccessToken);
  }

  async issue(token: NewAccessToken, secret: string): Promise<AccessToken> {
    const row = this.tokens.create({
      id: randomUUID(),
      kind: token.kind,
      name: token.name,
      tokenHash: hashTokenSecret(secret),
      instances: token.instances === null ? null : JSON.stringify(token.instances),
      administratorId: token.administratorId ?? null,
      createdBy: token.createdBy,
      createdAt: new Date().toISOString(),
      expiresAt: token.expiresAt.toISOString(),
      revokedAt: null,
      lastUsedAt: null,
    });
    return this.tokens.save(row);
  }

  /** The token with this secret, usable or not (the caller says why it is refused). */
  async findBySecret(secret: string): Promise<AccessToken | undefined> {
    return (await this.tokens.findOneBy({ tokenHash: hashTokenSecret(secret) })) ?? undefined;
  }

  /** Records use at most once a minute per token: an audit aid, not worth a write per request. */
  async markUsed(token: AccessToken, now = new Date()): Promise<void> {
    if (token.lastUsedAt && now.getTime() - new Date(token.lastUsedAt).getTime() < 60_000) return;
    await this.tokens.update({ id: token.id }, { lastUsedAt: now.toISOString() });
  }

  async page(kind: AccessTokenKind, limit: number, offset: number): Promise<[AccessToken[], number]> {
    return this.tokens.findAndCount({
      where: { kind },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
  }

  async find(id: string, kind: AccessTokenKind): Promise<AccessToken | undefined> {
    return (await this.tokens.findOneBy({ id, kind })) ?? undefined;
  }

  /** Revokes once; a second revocation keeps the first date. */
  async revoke(id: string, now = new Date()): Promise<void> {
    await this.tokens.update({ id, revokedAt: IsNull() }, { revokedAt: now.toISOString() });
  }

  async revokeSessionsOf(administratorId: string, now = new Date()): Promise<void> {
    await this.tokens.update(
      { administratorId, kind: 'session', revokedAt: IsNull() },
      { revokedAt: now.toISOString() },
    );
  }
}
