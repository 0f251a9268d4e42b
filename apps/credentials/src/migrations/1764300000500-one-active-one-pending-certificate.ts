import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The database itself keeps the rotation invariants: at most one active and one pending certificate
 * per credential, whatever two replicas do at the same moment. Subjects of imported certificates
 * may be long: the column becomes text.
 */
export class OneActiveOnePendingCertificate1764300000500 implements MigrationInterface {
  name = 'OneActiveOnePendingCertificate1764300000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'certificates',
      new TableIndex({
        name: 'certificates_one_active',
        columnNames: ['credential_id'],
        isUnique: true,
        where: "state = 'active'",
      }),
    );
    await queryRunner.createIndex(
      'certificates',
      new TableIndex({
        name: 'certificates_one_pending',
        columnNames: ['credential_id'],
        isUnique: true,
        where: "state = 'pending'",
      }),
    );
    await setSubjectType(queryRunner, 'text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // PostgreSQL refuses (rather than cuts) a subject longer than 300 characters: nothing is lost silently.
    await setSubjectType(queryRunner, 'varchar(300)');
    await queryRunner.dropIndex('certificates', 'certificates_one_pending');
    await queryRunner.dropIndex('certificates', 'certificates_one_active');
  }
}

/**
 * Changes the type of `certificates.subject` in place. TypeORM's `changeColumn` drops and re-adds a
 * column whose type differs on PostgreSQL, losing every subject already stored. SQLite does not enforce
 * a varchar's length, so its column already holds text of any length and needs no change (rebuilding
 * the table for a declaration would only put the rows at risk).
 */
async function setSubjectType(queryRunner: QueryRunner, type: 'text' | 'varchar(300)'): Promise<void> {
  if (queryRunner.connection.driver.options.type !== 'postgres') return;
  await queryRunner.query(`ALTER TABLE "certificates" ALTER COLUMN "subject" TYPE ${type}`);
}
