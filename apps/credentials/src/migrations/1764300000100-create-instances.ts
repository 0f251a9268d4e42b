import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateInstances1764300000100 implements MigrationInterface {
  name = 'CreateInstances1764300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'instances',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'alias', type: 'varchar', length: '63', isUnique: true },
          { name: 'display_name', type: 'varchar', length: '200' },
          { name: 'public_base_url', type: 'varchar', length: '500' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('instances');
  }
}
