import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'instances' })
export class Instance {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 63, unique: true })
  alias!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ name: 'public_base_url', type: 'varchar', length: 500 })
  publicBaseUrl!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
