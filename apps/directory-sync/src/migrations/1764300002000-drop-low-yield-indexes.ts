import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two indexes that cost every sync more than they saved the console. A first sync writes 100,000
 * archive users and 100,000 plan rows; each index adds an entry per row: 0.24 s of PostgreSQL's CPU
 * for `archive_users (instance_id, state)` and 0.4 s for `sync_plan_items (run_id, user_name)`, where
 * the tables themselves take about 0.3 and 0.5 s. Measured over a 100,000-user instance without them:
 * - counting the active archive users (a run's safety check): 29 ms, 39 ms with the index;
 * - a console page of archive users filtered by a state nobody has: 34 ms, 1 ms with the index; at
 *   offset 50,000: 78 ms, 108 ms with it;
 * - a page of a 100,000-user plan sorted by user name: 39 ms first, 89 ms at offset 50,000, and 47 ms
 *   with a name search; with the index, 121 and 141 ms (PostgreSQL walked it to sort, then fetched each
 *   row). The page's count reads the plan's primary key either way (16-24 ms).
 * The rest of a run reads these tables by their (instance, oid) and (run, oid) keys.
 */
export class DropLowYieldIndexes1764300002000 implements MigrationInterface {
  name = 'DropLowYieldIndexes1764300002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX archive_users_instance_state`);
    await queryRunner.query(`DROP INDEX sync_plan_items_user_name`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX sync_plan_items_user_name ON sync_plan_items (run_id, user_name)`);
    await queryRunner.query(
      `CREATE INDEX archive_users_instance_state ON archive_users (instance_id, state)`,
    );
  }
}
