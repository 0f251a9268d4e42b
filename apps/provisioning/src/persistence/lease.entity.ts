import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who may run a setup of an instance, or a renewal of a credential, until when (across replicas). */
@Entity({ name: 'leases' })
export class Lease {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 64 })
  owner!: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 30 })
  expiresAt!: string;
}
