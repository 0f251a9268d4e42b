import { MigrationTestDatabase } from '@archive365/testing';
import type { DataSource } from 'typeorm';
import { credentialsMigrations } from '../src/migrations';
import { STORED, storeInstanceCredential } from './support/rows-before-migration';

const CERTIFICATE_ID = STORED.certificateId;
const SUBJECT = 'CN=Fabrikam Archive, O=Fabrikam, C=DE';
/** Where the 500 migration stands in the history: the row is written by the schema just before it. */
const BEFORE_SUBJECT_AS_TEXT = credentialsMigrations.findIndex((migration) =>
  migration.name.startsWith('OneActiveOnePendingCertificate'),
);

/**
 * The migration that makes `certificates.subject` text changes the column in place: a certificate
 * stored before it keeps its subject, and a long subject fits afterwards. Both databases; the rows are
 * what PostgreSQL lost when the column was dropped and added again.
 */
describe.each(['postgres', 'sqlite'] as const)(
  'credentials migration of the certificate subject (%s)',
  (kind) => {
    const database = new MigrationTestDatabase(kind, 'credentials');
    let dataSource: DataSource;

    const subjects = async () =>
      (
        (await dataSource.query(`SELECT subject FROM certificates WHERE id = '${CERTIFICATE_ID}'`)) as {
          subject: string;
        }[]
      ).map((row) => row.subject);

    beforeAll(async () => {
      expect(BEFORE_SUBJECT_AS_TEXT).toBeGreaterThan(0);
      const before = await database.migrated(credentialsMigrations.slice(0, BEFORE_SUBJECT_AS_TEXT));
      try {
        await storeInstanceCredential(before, SUBJECT);
      } finally {
        await before.destroy();
      }
      dataSource = await database.migrated(credentialsMigrations);
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await database.close();
    });

    it('keeps the subject of a certificate stored before, and takes a subject longer than 300', async () => {
      expect(await subjects()).toEqual([SUBJECT]);
      const long = `CN=${'x'.repeat(400)}`;
      await dataSource.query(`UPDATE certificates SET subject = '${long}' WHERE id = '${CERTIFICATE_ID}'`);
      expect(await subjects()).toEqual([long]);
      await dataSource.query(`UPDATE certificates SET subject = '${SUBJECT}' WHERE id = '${CERTIFICATE_ID}'`);
    });

    it('keeps the certificate and its subject when the migrations are undone past it', async () => {
      // PostgreSQL's down alters the column; SQLite's rebuild the credentials table on the way, which
      // must not cascade into certificates.
      const undo = credentialsMigrations.length - BEFORE_SUBJECT_AS_TEXT;
      for (let step = 0; step < undo; step++) await dataSource.undoLastMigration({ transaction: 'each' });
      const applied = (await dataSource.query('SELECT name FROM migrations')) as { name: string }[];
      expect(applied.map((row) => row.name)).not.toContain('OneActiveOnePendingCertificate1764300000500');
      expect(await subjects()).toEqual([SUBJECT]);
    });
  },
);
