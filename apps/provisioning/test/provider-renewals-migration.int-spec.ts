import { MigrationTestDatabase } from '@archive365/testing';
import type { DataSource } from 'typeorm';
import { provisioningMigrations } from '../src/migrations';

const NOW = '2026-12-01T00:00:00.000Z';
const INSTANCE_RENEWAL = '11111111-1111-4111-8111-111111111111';
const PROVIDER_RENEWAL = '22222222-2222-4222-8222-222222222222';
const OBJECT_ID = '33333333-3333-4333-8333-333333333333';

const insertRenewal = (dataSource: DataSource, id: string, alias: string | null) =>
  dataSource.query(
    `INSERT INTO renewals (id, credential_id, instance_alias, application_object_id, trigger, state, step, started_at, updated_at) VALUES ('${id}', '${id}', ${alias === null ? 'NULL' : `'${alias}'`}, '${OBJECT_ID}', 'request', 'succeeded', 'done', '${NOW}', '${NOW}')`,
  );

const aliases = async (dataSource: DataSource) =>
  (
    (await dataSource.query('SELECT id, instance_alias FROM renewals ORDER BY id')) as {
      id: string;
      instance_alias: string | null;
    }[]
  ).map((row) => [row.id, row.instance_alias]);

/**
 * Renewals of the provider's app belong to no instance: the migration keeps every instance's renewal
 * with its alias, takes one without, and its undo removes only those.
 */
describe.each(['postgres', 'sqlite'] as const)('provisioning migration to provider renewals (%s)', (kind) => {
  const database = new MigrationTestDatabase(kind, 'provisioning');
  let dataSource: DataSource;

  beforeAll(async () => {
    const before = await database.migrated(provisioningMigrations.slice(0, -1));
    try {
      await insertRenewal(before, INSTANCE_RENEWAL, 'fabrikam');
    } finally {
      await before.destroy();
    }
    dataSource = await database.migrated(provisioningMigrations);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.close();
  });

  it('keeps instance renewals and takes one without an instance', async () => {
    await insertRenewal(dataSource, PROVIDER_RENEWAL, null);
    expect(await aliases(dataSource)).toEqual([
      [INSTANCE_RENEWAL, 'fabrikam'],
      [PROVIDER_RENEWAL, null],
    ]);
  });

  it('undone, keeps the instance renewals and refuses one without an instance again', async () => {
    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await aliases(dataSource)).toEqual([[INSTANCE_RENEWAL, 'fabrikam']]);
    await expect(insertRenewal(dataSource, PROVIDER_RENEWAL, null)).rejects.toThrow(/null/i);
  });
});
