import type {
  DeviceCodePrompt,
  EffectiveSetupOptions,
  PlainProblem,
  SetupMode,
  SetupState,
} from '@archive365/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One setup run of an instance's app registration; the latest per instance is its current state. */
@Entity({ name: 'setups' })
export class Setup {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'instance_alias', type: 'varchar', length: 63 })
  instanceAlias!: string;

  @Column({ type: 'varchar', length: 20 })
  mode!: SetupMode;

  @Column({ type: 'varchar', length: 30 })
  state!: SetupState;

  @Column({ type: 'simple-json' })
  options!: EffectiveSetupOptions;

  @Column({ name: 'credential_id', type: 'varchar', length: 36, nullable: true })
  credentialId!: string | null;

  @Column({ name: 'tenant_id', type: 'varchar', length: 253, nullable: true })
  tenantId!: string | null;

  @Column({ name: 'client_id', type: 'varchar', length: 36, nullable: true })
  clientId!: string | null;

  @Column({ name: 'application_object_id', type: 'varchar', length: 36, nullable: true })
  applicationObjectId!: string | null;

  @Column({ name: 'sign_in', type: 'simple-json', nullable: true })
  signIn!: DeviceCodePrompt | null;

  /** SHA-256 of the consent link's `state`: single use, never stored in clear. */
  @Column({ name: 'consent_state_hash', type: 'varchar', length: 64, nullable: true })
  consentStateHash!: string | null;

  @Column({ name: 'consent_url', type: 'text', nullable: true })
  consentUrl!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  problem!: PlainProblem | null;

  @Column({ name: 'graph_writes', type: 'integer', default: 0 })
  graphWrites!: number;

  @Column({ name: 'started_at', type: 'varchar', length: 30 })
  startedAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;

  @Column({ name: 'finished_at', type: 'varchar', length: 30, nullable: true })
  finishedAt!: string | null;
}
