import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string) => ({ name, type: 'varchar', length: '36' });
const text = (name: string) => ({ name, type: 'text' });

/**
 * What the groups filter keeps between runs so a delta run can follow group membership changes: per
 * run that read the groups, the chosen groups and the groups delta links (`sync_group_reads`, one of
 * them per instance current: the one the last committed run read), and the direct members of each
 * chosen or nested group (`sync_group_members`).
 */
export class CreateSyncGroupState1764300001700 implements MigrationInterface {
  name = 'CreateSyncGroupState1764300001700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sync_group_reads',
        columns: [
          { ...id('run_id'), isPrimary: true },
          id('instance_id'),
          { name: 'is_current', type: 'integer', default: '0' },
          text('chosen'),
          text('delta_links'),
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
        indices: [{ name: 'sync_group_reads_instance', columnNames: ['instance_id', 'is_current'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sync_group_members',
        columns: [
          { ...id('run_id'), isPrimary: true },
          { ...id('group_id'), isPrimary: true },
          { name: 'display_name', type: 'varchar', length: '256' },
          // The direct edges group -> member, in Graph's order: [[member id, "u" or "g"], ...].
          text('members'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Without the state a groups delta has nothing to start from: the next run of each instance reads
    // the whole directory (a groups-filter profile's delta link is dropped with it).
    await queryRunner.query(
      `UPDATE sync_profiles SET delta_link = NULL, delta_link_at = NULL WHERE user_filter = 'groups'`,
    );
    await queryRunner.dropTable('sync_group_members');
    await queryRunner.dropTable('sync_group_reads');
  }
}
