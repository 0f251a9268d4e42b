import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which users to import from the directory (DESIGN.md section 1.4). */
export type UserFilterKind = 'licensed' | 'enabled' | 'groups';
/** What happens to the archive user of someone who left the directory (DESIGN.md section 4). */
export type LeaverAction = 'disable-login' | 'delete';

/**
 * The sync settings of one archive instance, created with safe defaults when the instance is created
 * (from the `instance.created` event): licensed users only, leavers keep their archive.
 */
@Entity({ name: 'sync_profiles' })
export class SyncProfile {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId!: string;

  @Column({ type: 'varchar', length: 63, unique: true })
  alias!: string;

  @Column({ name: 'user_filter', type: 'varchar', length: 20 })
  userFilter!: UserFilterKind;

  @Column({ name: 'leaver_action', type: 'varchar', length: 20 })
  leaverAction!: LeaverAction;

  /** The credential (owned by the credentials service) that sync reads the directory with. */
  @Column({ name: 'credential_id', type: 'varchar', length: 36, nullable: true })
  credentialId!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
