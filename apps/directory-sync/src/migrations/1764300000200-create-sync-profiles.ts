import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateSyncProfiles1764300000200 implements MigrationInterface {
  name = 'CreateSyncProfiles1764300000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sync_profiles',
        columns: [
          { name: 'instance_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'alias', type: 'varchar', length: '63', isUnique: true },
          { name: 'user_filter', type: 'varchar', length: '20' },
          { name: 'leaver_action', type: 'varchar', length: '20' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sync_profiles');
  }
}
