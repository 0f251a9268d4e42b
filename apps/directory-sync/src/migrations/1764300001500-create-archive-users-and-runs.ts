import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, nullable = false) => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});
const time = (name: string, nullable = false) => ({
  name,
  type: 'varchar',
  length: '30',
  isNullable: nullable,
});
const text = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, value?: string) => ({ name, type: 'integer', default: value ?? '0' });

/** Archive users (with their archive), sync runs and their plans, the run lease, and the directory settings. */
export class CreateArchiveUsersAndRuns1764300001500 implements MigrationInterface {
  name = 'CreateArchiveUsersAndRuns1764300001500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('sync_profiles', [
      new TableColumn(id('directory_tenant_id', true)),
      new TableColumn({ ...text('group_ids'), default: "'[]'" }),
      new TableColumn(int('include_guests')),
      new TableColumn(int('include_shared_mailboxes')),
      new TableColumn(int('include_rooms')),
      new TableColumn(int('include_disabled')),
      new TableColumn(int('threshold_count', '500')),
      new TableColumn(int('threshold_percent', '10')),
      new TableColumn(int('schedule_enabled')),
      new TableColumn(int('schedule_minutes', '60')),
      new TableColumn({ ...text('new_user_privileges'), default: `'["search-own","export-own"]'` }),
      new TableColumn(text('delta_link', true)),
      new TableColumn(time('delta_link_at', true)),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'archive_users',
        columns: [
          { ...id('id'), isPrimary: true },
          id('instance_id'),
          id('tenant_id'),
          id('oid'),
          { name: 'user_name', type: 'varchar', length: '320' },
          { name: 'display_name', type: 'varchar', length: '256' },
          { name: 'primary_address', type: 'varchar', length: '320' },
          text('aliases'),
          text('former_addresses'),
          { name: 'state', type: 'varchar', length: '10' },
          { name: 'attrs_hash', type: 'varchar', length: '40' },
          id('archive_id'),
          time('archive_deleted_at', true),
          text('privileges'),
          time('created_at'),
          time('updated_at'),
        ],
        indices: [
          // The sign-in check's one look-up, and the plan's join: by (instance, oid).
          { name: 'archive_users_instance_oid', columnNames: ['instance_id', 'oid'], isUnique: true },
          { name: 'archive_users_instance_user_name', columnNames: ['instance_id', 'user_name'] },
          { name: 'archive_users_instance_state', columnNames: ['instance_id', 'state'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'sync_runs',
        columns: [
          { ...id('id'), isPrimary: true },
          id('instance_id'),
          { name: 'kind', type: 'varchar', length: '10' },
          { name: 'trigger', type: 'varchar', length: '10' },
          { name: 'state', type: 'varchar', length: '12' },
          { name: 'requested_by', type: 'varchar', length: '200', isNullable: true },
          { name: 'decided_by', type: 'varchar', length: '200', isNullable: true },
          time('started_at'),
          time('finished_at', true),
          int('users_read'),
          int('complete_read'),
          int('applied'),
          text('counts'),
          text('reason', true),
          text('next_delta_link', true),
          int('event_batches_published'),
        ],
        indices: [{ name: 'sync_runs_instance_started', columnNames: ['instance_id', 'started_at'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'sync_plan_items',
        columns: [
          { ...id('run_id'), isPrimary: true },
          { ...id('oid'), isPrimary: true },
          { name: 'action', type: 'varchar', length: '10' },
          { name: 'user_name', type: 'varchar', length: '320' },
          { name: 'display_name', type: 'varchar', length: '256' },
          { name: 'primary_address', type: 'varchar', length: '320' },
          text('aliases'),
          int('included'),
          text('reasons'),
          { name: 'attrs_hash', type: 'varchar', length: '40' },
          id('new_user_id'),
          id('new_archive_id'),
          id('archive_user_id', true),
          id('candidate_user_id', true),
          // The archive the change concerns (new, existing, or new again for a deleted user back in scope).
          id('archive_id', true),
          // directory: read this run; archive: an archive user absent from a full read; removed: a delta removal.
          { name: 'source', type: 'varchar', length: '10' },
          { ...text('changes'), default: "'[]'" },
        ],
        indices: [
          { name: 'sync_plan_items_action', columnNames: ['run_id', 'action', 'user_name'] },
          { name: 'sync_plan_items_user_name', columnNames: ['run_id', 'user_name'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'sync_leases',
        columns: [
          { ...id('instance_id'), isPrimary: true },
          { name: 'owner', type: 'varchar', length: '64' },
          id('run_id'),
          { name: 'expires_at', type: 'bigint' },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'recreated_user_decisions',
        columns: [
          { ...id('instance_id'), isPrimary: true },
          { ...id('oid'), isPrimary: true },
          { name: 'decision', type: 'varchar', length: '10' },
          time('decided_at'),
        ],
      }),
    );
    await queryRunner.createIndex(
      'sync_runs',
      new TableIndex({ name: 'sync_runs_state', columnNames: ['state'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'recreated_user_decisions',
      'sync_leases',
      'sync_plan_items',
      'sync_runs',
      'archive_users',
    ]) {
      await queryRunner.dropTable(table);
    }
    for (const column of [
      'directory_tenant_id',
      'group_ids',
      'include_guests',
      'include_shared_mailboxes',
      'include_rooms',
      'include_disabled',
      'threshold_count',
      'threshold_percent',
      'schedule_enabled',
      'schedule_minutes',
      'new_user_privileges',
      'delta_link',
      'delta_link_at',
    ]) {
      await queryRunner.dropColumn('sync_profiles', column);
    }
  }
}
