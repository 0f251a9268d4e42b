import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A known value sealed with the master key, to detect a wrong master key at start-up. */
@Entity({ name: 'key_canaries' })
export class KeyCanary {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ type: 'text' })
  sealed!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
