import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'credentials' })
export class Credential {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 36 })
  clientId!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 253 })
  tenantId!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
