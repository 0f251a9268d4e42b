import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../migrations/epoch-ms.transformer';

export type SpentTokenKind = 'id-token' | 'session' | 'dialog-result';

/**
 * Tokens that must not work a second time, until they would have expired anyway: id_tokens already
 * used (replay), browser sessions ended by logout, one-time dialog results already redeemed.
 */
@Entity({ name: 'spent_tokens' })
export class SpentToken {
  /** SHA-256 (hex) of the token or its id. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  digest!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: SpentTokenKind;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs })
  expiresAt!: number;
}
