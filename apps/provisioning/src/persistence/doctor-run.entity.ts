import type { DoctorCheckView } from '@archive365/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One run of the checklist, kept so the console shows the last result and its age. */
@Entity({ name: 'doctor_runs' })
export class DoctorRun {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'instance_alias', type: 'varchar', length: 63 })
  instanceAlias!: string;

  @Column({ name: 'credential_id', type: 'varchar', length: 36 })
  credentialId!: string;

  @Column({ type: 'boolean' })
  ok!: boolean;

  @Column({ type: 'simple-json' })
  checks!: DoctorCheckView[];

  @Column({ name: 'started_at', type: 'varchar', length: 30 })
  startedAt!: string;

  @Column({ name: 'finished_at', type: 'varchar', length: 30 })
  finishedAt!: string;
}
