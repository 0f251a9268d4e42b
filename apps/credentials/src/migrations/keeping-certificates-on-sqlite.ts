import type { QueryRunner } from 'typeorm';

/**
 * SQLite changes a column by building the table anew and dropping the old one, and dropping
 * `credentials` deletes its rows, which cascades into `certificates` while foreign keys are on. The
 * migration runner turns them off only outside a transaction (an undo runs inside one, where the
 * pragma has no effect, and `defer_foreign_keys` does not stop cascades), so the certificates are kept
 * aside in a temporary copy and put back once `credentials` stands again with the same ids.
 */
export async function keepingCertificatesOnSqlite(
  queryRunner: QueryRunner,
  rebuild: () => Promise<void>,
): Promise<void> {
  if (queryRunner.connection.options.type !== 'better-sqlite3') return rebuild();
  await queryRunner.query('CREATE TEMP TABLE certificates_kept_aside AS SELECT * FROM certificates');
  try {
    await rebuild();
    await queryRunner.query(
      'INSERT INTO certificates SELECT * FROM certificates_kept_aside WHERE id NOT IN (SELECT id FROM certificates)',
    );
  } finally {
    await queryRunner.query('DROP TABLE temp.certificates_kept_aside');
  }
}
