import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../migrations/epoch-ms.transformer';

/** The Office dialog's one-time result: redeemed once by the task pane for an archive token. */
@Entity({ name: 'dialog_results' })
export class DialogResult {
  @PrimaryColumn({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ name: 'instance_alias', type: 'varchar', length: 63 })
  instanceAlias!: string;

  /** The signed-in archive user (JSON of an ArchiveIdentity). */
  @Column({ type: 'text' })
  session!: string;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs })
  expiresAt!: number;
}
