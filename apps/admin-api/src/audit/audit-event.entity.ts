import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditOutcome = 'succeeded' | 'failed' | 'refused';

/** One change attempted through the admin API: who, what, when, from where, and how it ended. */
@Entity({ name: 'audit_events' })
export class AuditEvent {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  at!: string;

  /** `token`, `session`, `bootstrap` or `anonymous` (refused before anyone was recognised). */
  @Column({ name: 'actor_kind', type: 'varchar', length: 20 })
  actorKind!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 200 })
  actorName!: string;

  /** The operation, e.g. `Credentials.create`, or `METHOD /path` when no route was reached. */
  @Column({ type: 'varchar', length: 120 })
  action!: string;

  @Column({ type: 'varchar', length: 10 })
  method!: string;

  @Column({ type: 'varchar', length: 500 })
  path!: string;

  @Column({ name: 'instance_alias', type: 'varchar', length: 63, nullable: true })
  instanceAlias!: string | null;

  @Column({ name: 'target_id', type: 'varchar', length: 64, nullable: true })
  targetId!: string | null;

  @Column({ name: 'source_ip', type: 'varchar', length: 64 })
  sourceIp!: string;

  @Column({ name: 'user_agent', type: 'varchar', length: 300 })
  userAgent!: string;

  @Column({ type: 'integer' })
  status!: number;

  @Column({ type: 'varchar', length: 10 })
  outcome!: AuditOutcome;

  @Column({ name: 'error_code', type: 'varchar', length: 40, nullable: true })
  errorCode!: string | null;
}
