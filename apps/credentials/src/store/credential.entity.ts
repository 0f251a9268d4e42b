import type { CredentialOwner } from '@archive365/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'credentials' })
export class Credential {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** `instance`: `instanceId` names it; `provider`: the provider's multi-tenant app, no instance. */
  @Column({ type: 'varchar', length: 10, default: 'instance' })
  owner!: CredentialOwner;

  /** Null exactly when the owner is the provider (a check constraint keeps the two in step). */
  @Column({ name: 'instance_id', type: 'varchar', length: 36, nullable: true })
  instanceId!: string | null;

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

  /** The client's key of the create or import that made it: a retry answers this credential. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 thumbprint of the certificate it was imported with: one import of a certificate per instance. */
  @Column({ name: 'imported_thumbprint_sha256', type: 'varchar', length: 64, nullable: true })
  importedThumbprintSha256!: string | null;
}
