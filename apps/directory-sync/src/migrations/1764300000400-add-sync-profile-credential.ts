import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class AddSyncProfileCredential1764300000400 implements MigrationInterface {
  name = 'AddSyncProfileCredential1764300000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'sync_profiles',
      new TableColumn({ name: 'credential_id', type: 'varchar', length: '36', isNullable: true }),
    );
    await queryRunner.createIndex(
      'sync_profiles',
      new TableIndex({ name: 'sync_profiles_credential', columnNames: ['credential_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('sync_profiles', 'sync_profiles_credential');
    await queryRunner.dropColumn('sync_profiles', 'credential_id');
  }
}
