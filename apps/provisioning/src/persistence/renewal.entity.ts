import type { PlainProblem, RenewalState, RenewalStep } from '@archive365/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A certificate renewal on an app registration; `step` is the next one to run, saved before it starts. */
@Entity({ name: 'renewals' })
export class Renewal {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'credential_id', type: 'varchar', length: 36 })
  credentialId!: string;

  /** Null for the provider's multi-tenant app, which belongs to no instance. */
  @Column({ name: 'instance_alias', type: 'varchar', length: 63, nullable: true })
  instanceAlias!: string | null;

  @Column({ name: 'application_object_id', type: 'varchar', length: 36 })
  applicationObjectId!: string;

  @Column({ type: 'varchar', length: 10 })
  trigger!: 'expiring' | 'request';

  @Column({ type: 'varchar', length: 10 })
  state!: RenewalState;

  @Column({ type: 'varchar', length: 30 })
  step!: RenewalStep | 'done';

  @Column({ name: 'old_certificate_id', type: 'varchar', length: 36, nullable: true })
  oldCertificateId!: string | null;

  @Column({ name: 'new_certificate_id', type: 'varchar', length: 36, nullable: true })
  newCertificateId!: string | null;

  /** The keyId given to `addKey`, saved before the call. */
  @Column({ name: 'new_key_id', type: 'varchar', length: 36, nullable: true })
  newKeyId!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  problem!: PlainProblem | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'started_at', type: 'varchar', length: 30 })
  startedAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;

  @Column({ name: 'finished_at', type: 'varchar', length: 30, nullable: true })
  finishedAt!: string | null;
}
