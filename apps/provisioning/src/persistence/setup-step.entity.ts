import type { PlainProblem, SetupStepState } from '@archive365/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One step of a setup, recorded as it finishes, so a restart knows what was done. */
@Entity({ name: 'setup_steps' })
export class SetupStep {
  @PrimaryColumn({ name: 'setup_id', type: 'varchar', length: 36 })
  setupId!: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 10 })
  state!: SetupStepState;

  @Column({ type: 'boolean', default: false })
  changed!: boolean;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  problem!: PlainProblem | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
