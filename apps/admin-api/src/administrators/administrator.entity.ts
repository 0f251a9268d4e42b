import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Someone in the provider's own tenant allowed to sign in to the admin API with Microsoft. */
@Entity({ name: 'administrators' })
export class Administrator {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  /** `oid` of the id_token: stable, unlike the user name (DESIGN: key users on tid + oid). */
  @Column({ name: 'object_id', type: 'varchar', length: 36 })
  objectId!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
