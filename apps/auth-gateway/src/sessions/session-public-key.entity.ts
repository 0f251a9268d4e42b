import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../migrations/epoch-ms.transformer';

/**
 * A public key some replica signs archive tokens with. Private keys never leave the process that made
 * them: each replica makes its own pair at start and at every rotation, and publishes only this.
 */
@Entity({ name: 'session_public_keys' })
export class SessionPublicKey {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid!: string;

  /** The public JWK (JSON). */
  @Column({ name: 'public_jwk', type: 'text' })
  publicJwk!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  /** Published until every token it can have signed has expired. */
  @Column({ name: 'published_until', type: 'bigint', transformer: epochMs })
  publishedUntil!: number;
}
