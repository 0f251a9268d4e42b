import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataSourceOptions } from '@archive365/database';
import { createTestDatabase, type TestDatabase } from '@archive365/testing';
import { DataSource } from 'typeorm';
import { credentialsMigrations } from '../src/migrations';

const NOW = '2026-12-01T00:00:00.000Z';
const INSTANCE_ID = '11111111-1111-4111-8111-111111111111';
const CREDENTIAL_ID = '22222222-2222-4222-8222-222222222222';
const CERTIFICATE_ID = '33333333-3333-4333-8333-333333333333';
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
    let database: TestDatabase | undefined;
    let dataDir: string;
    let dataSource: DataSource;

    const subjects = async () =>
      (
        (await dataSource.query(`SELECT subject FROM certificates WHERE id = '${CERTIFICATE_ID}'`)) as {
          subject: string;
        }[]
      ).map((row) => row.subject);

    beforeAll(async () => {
      expect(BEFORE_SUBJECT_AS_TEXT).toBeGreaterThan(0);
      dataDir = mkdtempSync(join(tmpdir(), 'credentials-subject-migration-'));
      database = kind === 'postgres' ? await createTestDatabase('credentials_subject_migration') : undefined;
      const settings = { url: database?.url, dataDir, serviceName: 'credentials', entities: [] };
      const before = new DataSource(
        dataSourceOptions({
          ...settings,
          migrations: credentialsMigrations.slice(0, BEFORE_SUBJECT_AS_TEXT),
        }),
      );
      await before.initialize();
      try {
        await before.runMigrations({ transaction: 'each' });
        await before.query(
          `INSERT INTO instances (id, alias, display_name, public_base_url, created_at) VALUES ('${INSTANCE_ID}', 'fabrikam', 'Fabrikam', 'https://archive.example.net', '${NOW}')`,
        );
        await before.query(
          `INSERT INTO credentials (id, instance_id, name, client_id, tenant_id, created_at, updated_at) VALUES ('${CREDENTIAL_ID}', '${INSTANCE_ID}', 'Fabrikam', '${CREDENTIAL_ID}', 'fabrikam.example', '${NOW}', '${NOW}')`,
        );
        await before.query(
          `INSERT INTO certificates (id, credential_id, state, source, subject, key_size, thumbprint_sha1, thumbprint_sha256, serial_number, certificate_pem, sealed_private_key, not_before, not_after, changed_at, created_at) VALUES ('${CERTIFICATE_ID}', '${CREDENTIAL_ID}', 'active', 'generated', '${SUBJECT}', 2048, 'AA', 'BB', '01', 'pem', 'v1.k1.sealed', '${NOW}', '${NOW}', '${NOW}', '${NOW}')`,
        );
      } finally {
        await before.destroy();
      }
      dataSource = new DataSource(dataSourceOptions({ ...settings, migrations: credentialsMigrations }));
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
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
