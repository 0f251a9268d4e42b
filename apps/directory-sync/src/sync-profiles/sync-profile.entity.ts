import type { ArchivePrivilege, LeaverAction, UserFilter } from '@archive365/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type { LeaverAction, UserFilter as UserFilterKind };

const flag = {
  type: 'integer',
  transformer: { to: (v: boolean) => (v ? 1 : 0), from: (v: number) => v === 1 },
} as const;
const json = {
  type: 'text',
  transformer: { to: (v: unknown) => JSON.stringify(v), from: (v: string) => JSON.parse(v) as unknown },
} as const;

/**
 * The directory settings of one archive instance, created with safe defaults when the instance is created
 * (from the `instance.created` event): licensed users only, no guests or shared mailboxes, leavers keep
 * their archive, the 500 / 10 % deletion guard, no schedule.
 */
@Entity({ name: 'sync_profiles' })
export class SyncProfile {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId!: string;

  @Column({ type: 'varchar', length: 63, unique: true })
  alias!: string;

  @Column({ name: 'user_filter', type: 'varchar', length: 20 })
  userFilter!: UserFilter;

  @Column({ name: 'leaver_action', type: 'varchar', length: 20 })
  leaverAction!: LeaverAction;

  /** The credential (owned by the credentials service) that sync reads the directory with. */
  @Column({ name: 'credential_id', type: 'varchar', length: 36, nullable: true })
  credentialId!: string | null;

  /**
   * The customer's tenant (GUID) tokens are asked for when the credential is the provider's
   * multi-tenant app (consent link), taken from the instance's succeeded consent setup; null when the
   * credential is the instance's own and its tenant is the credential's.
   */
  @Column({ name: 'consent_tenant_id', type: 'varchar', length: 36, nullable: true })
  consentTenantId!: string | null;

  /** The tenant GUID, from the Graph token's `tid` (a credential may name a domain instead). */
  @Column({ name: 'directory_tenant_id', type: 'varchar', length: 36, nullable: true })
  directoryTenantId!: string | null;

  @Column({ name: 'group_ids', ...json })
  groupIds!: string[];

  @Column({ name: 'include_guests', ...flag })
  includeGuests!: boolean;

  @Column({ name: 'include_shared_mailboxes', ...flag })
  includeSharedMailboxes!: boolean;

  @Column({ name: 'include_rooms', ...flag })
  includeRooms!: boolean;

  @Column({ name: 'include_disabled', ...flag })
  includeDisabled!: boolean;

  @Column({ name: 'threshold_count', type: 'integer' })
  thresholdCount!: number;

  @Column({ name: 'threshold_percent', type: 'integer' })
  thresholdPercent!: number;

  @Column({ name: 'schedule_enabled', ...flag })
  scheduleEnabled!: boolean;

  @Column({ name: 'schedule_minutes', type: 'integer' })
  scheduleMinutes!: number;

  @Column({ name: 'new_user_privileges', ...json })
  newUserPrivileges!: ArchivePrivilege[];

  /** Where the next incremental run starts (`/users/delta`); null until a full run succeeded. */
  @Column({ name: 'delta_link', type: 'text', nullable: true })
  deltaLink!: string | null;

  @Column({ name: 'delta_link_at', type: 'varchar', length: 30, nullable: true })
  deltaLinkAt!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
