import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The inbox table; every service that consumes events lists this migration among its own. */
export class CreateProcessedEvents1764300000000 implements MigrationInterface {
  name = 'CreateProcessedEvents1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'processed_events',
        columns: [
          { name: 'consumer', type: 'varchar', length: '100', isPrimary: true },
          { name: 'event_id', type: 'varchar', length: '100', isPrimary: true },
          { name: 'processed_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('processed_events');
  }
}
