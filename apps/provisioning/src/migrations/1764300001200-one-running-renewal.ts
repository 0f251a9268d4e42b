import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** What a renewal that lost the race to an earlier one reads like, once the index below exists. */
const SUPERSEDED = JSON.stringify({
  code: 'SUPERSEDED',
  message: 'Another renewal of this credential was started at the same time and carried on instead.',
  fix: 'Nothing to do: look at the latest renewal of the credential.',
});

/**
 * The database itself keeps one renewal per credential running, whatever two replicas (or two
 * requests on one) do at the same moment: a second start's insert fails on this index and answers
 * the running renewal. Renewals started twice before the index existed are settled first: the
 * latest one carries on, the others are closed as superseded.
 */
export class OneRunningRenewal1764300001200 implements MigrationInterface {
  name = 'OneRunningRenewal1764300001200';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Plain SQL both PostgreSQL and SQLite run alike.
    const [settle, parameters] = queryRunner.connection.driver.escapeQueryWithParameters(
      `UPDATE renewals SET state = 'failed', problem = :problem, finished_at = updated_at
       WHERE state = 'running' AND EXISTS (
         SELECT 1 FROM renewals later
         WHERE later.credential_id = renewals.credential_id AND later.state = 'running'
           AND (later.started_at > renewals.started_at
             OR (later.started_at = renewals.started_at AND later.id > renewals.id)))`,
      { problem: SUPERSEDED },
    );
    await queryRunner.query(settle, parameters);
    await queryRunner.createIndex(
      'renewals',
      new TableIndex({
        name: 'renewals_one_running',
        columnNames: ['credential_id'],
        isUnique: true,
        where: "state = 'running'",
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('renewals', 'renewals_one_running');
  }
}
