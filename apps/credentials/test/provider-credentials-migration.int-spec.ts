import { MigrationTestDatabase } from '@archive365/testing';
import type { DataSource } from 'typeorm';
import { credentialsMigrations } from '../src/migrations';
import { credentialsEntities } from '../src/store';
import { STORED, STORED_AT as NOW, storeInstanceCredential } from './support/rows-before-migration';

const { instanceId: INSTANCE_ID, credentialId: CREDENTIAL_ID, certificateId: CERTIFICATE_ID } = STORED;
const PROVIDER_ID = '44444444-4444-4444-8444-444444444444';

function insertCredential(dataSource: DataSource, id: string, owner: string, instanceId: string | null) {
  return dataSource.query(
    `INSERT INTO credentials (id, owner, instance_id, name, client_id, tenant_id, created_at, updated_at) VALUES ('${id}', '${owner}', ${instanceId === null ? 'NULL' : `'${instanceId}'`}, 'Provider app', '${id}', 'provider.example', '${NOW}', '${NOW}')`,
  );
}

/**
 * The migration to provider-level credentials on both databases: existing credentials stay their
 * instance's with their certificates (SQLite rebuilds the table to make `instance_id` nullable,
 * which must not cascade into certificates), and the database refuses an owner that does not match.
 */
describe.each(['postgres', 'sqlite'] as const)(
  'credentials migration to provider credentials (%s)',
  (kind) => {
    const database = new MigrationTestDatabase(kind, 'credentials');
    let dataSource: DataSource;

    beforeAll(async () => {
      // The schema before provider-level credentials, with one instance credential and its certificate.
      const before = await database.migrated(credentialsMigrations.slice(0, -1));
      try {
        await storeInstanceCredential(before, 'CN=Fabrikam');
      } finally {
        await before.destroy();
      }
      dataSource = await database.migrated(credentialsMigrations, credentialsEntities);
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await database.close();
    });

    it('keeps existing credentials as their instance’s, with their certificates', async () => {
      const rows = (await dataSource.query(
        `SELECT c.owner, c.instance_id, COUNT(k.id) AS certificates FROM credentials c LEFT JOIN certificates k ON k.credential_id = c.id WHERE c.id = '${CREDENTIAL_ID}' GROUP BY c.owner, c.instance_id`,
      )) as { owner: string; instance_id: string; certificates: string | number }[];
      expect(rows).toEqual([
        { owner: 'instance', instance_id: INSTANCE_ID, certificates: expect.anything() },
      ]);
      expect(Number(rows[0]?.certificates)).toBe(1);
    });

    it('stores a provider credential without an instance, and refuses an owner that does not match', async () => {
      await insertCredential(dataSource, PROVIDER_ID, 'provider', null);
      await expect(
        insertCredential(dataSource, '55555555-5555-4555-8555-555555555555', 'provider', INSTANCE_ID),
      ).rejects.toThrow(/credentials_owner_matches_instance|CHECK constraint/i);
      await expect(
        insertCredential(dataSource, '66666666-6666-4666-8666-666666666666', 'instance', null),
      ).rejects.toThrow(/credentials_owner_matches_instance|CHECK constraint/i);
      const owners = (await dataSource.query('SELECT owner FROM credentials ORDER BY owner')) as {
        owner: string;
      }[];
      expect(owners.map((row) => row.owner)).toEqual(['instance', 'provider']);
    });

    it('keeps the instance credentials’ certificates when the migration is undone', async () => {
      // An undo runs inside a transaction, where SQLite cannot turn foreign keys off for the rebuild.
      await dataSource.undoLastMigration({ transaction: 'each' });
      const applied = (await dataSource.query('SELECT name FROM migrations')) as { name: string }[];
      expect(applied.map((row) => row.name)).not.toContain('ProviderLevelCredentials1764300000900');
      const credentials = (await dataSource.query('SELECT id FROM credentials')) as { id: string }[];
      expect(credentials.map((row) => row.id)).toEqual([CREDENTIAL_ID]);
      const certificates = (await dataSource.query(
        'SELECT id, credential_id, subject FROM certificates',
      )) as { id: string; credential_id: string; subject: string }[];
      expect(certificates).toEqual([
        { id: CERTIFICATE_ID, credential_id: CREDENTIAL_ID, subject: 'CN=Fabrikam' },
      ]);
    });
  },
);
