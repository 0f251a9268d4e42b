import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Started sign-ins skip PostgreSQL's write-ahead log: each login no longer waits for a WAL flush, the
 * busiest write of a sign-in. What is given up is harmless: after a database crash the table is empty
 * (sign-ins in progress fail with "sign-in expired" and are started again; no attempt can come back
 * to life, so state stays single use), and a standby promoted by failover has none either. Spent
 * tokens stay logged: forgetting one could let a token work twice.
 */
export class UnloggedSignInAttempts1764300001900 implements MigrationInterface {
  name = 'UnloggedSignInAttempts1764300001900';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('ALTER TABLE sign_in_attempts SET UNLOGGED');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('ALTER TABLE sign_in_attempts SET LOGGED');
  }
}
