import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AccessTokenKind = 'api' | 'session';

/**
 * An API token (automation) or an administrator's session (after the Microsoft sign-in). Only the
 * SHA-256 of the secret is kept: the secret is 32 random bytes, so a slow hash would add nothing.
 */
@Entity({ name: 'access_tokens' })
export class AccessToken {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: AccessTokenKind;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  /** JSON array of instance aliases the token may reach; null for every instance. */
  @Column({ type: 'text', nullable: true })
  instances!: string | null;

  @Column({ name: 'administrator_id', type: 'varchar', length: 36, nullable: true })
  administratorId!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 30 })
  expiresAt!: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 30, nullable: true })
  revokedAt!: string | null;

  @Column({ name: 'last_used_at', type: 'varchar', length: 30, nullable: true })
  lastUsedAt!: string | null;
}
