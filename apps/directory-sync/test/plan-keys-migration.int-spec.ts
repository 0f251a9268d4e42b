import { MigrationTestDatabase } from '@archive365/testing';
import type { DataSource } from 'typeorm';
import { directorySyncMigrations } from '../src/migrations';
import { PlanKeysByteOrder1764300001800 } from '../src/migrations/1764300001800-plan-keys-byte-order';

const KEYS_MIGRATION = directorySyncMigrations.indexOf(PlanKeysByteOrder1764300001800);
const RUN = '33333333-3333-4333-8333-333333333333';

async function indexNames(dataSource: DataSource, kind: 'postgres' | 'sqlite'): Promise<string[]> {
  const rows = (await dataSource.query(
    kind === 'postgres'
      ? `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'sync_plan_items'`
      : `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sync_plan_items'`,
  )) as { name: string }[];
  return rows.map((row) => row.name).sort();
}

/** PostgreSQL's collation of the key columns ('default' for the database's own). */
async function collations(dataSource: DataSource): Promise<Record<string, string>> {
  const rows = (await dataSource.query(
    `SELECT table_name || '.' || column_name AS key, COALESCE(collation_name, 'default') AS collation
       FROM information_schema.columns
      WHERE table_name IN ('archive_users', 'sync_plan_items') AND column_name IN ('oid', 'user_name')`,
  )) as { key: string; collation: string }[];
  return Object.fromEntries(rows.map((row) => [row.key, row.collation]));
}

/**
 * The plan's and archive users' keys in byte order, and the plan without its action index, on both
 * databases: the plan rows written before stay readable by action, and undoing restores both.
 */
describe.each(['postgres', 'sqlite'] as const)(
  'directory-sync migration to byte-ordered plan keys (%s)',
  (kind) => {
    const database = new MigrationTestDatabase(kind, 'directory_sync_keys');
    let dataSource: DataSource;

    beforeAll(async () => {
      const before = await database.migrated(directorySyncMigrations.slice(0, KEYS_MIGRATION));
      try {
        for (const [oid, action, name] of [
          ['a', 'create', 'Zoe@contoso.example'],
          ['b', 'disable', 'adam@contoso.example'],
          ['c', 'create', 'bea@contoso.example'],
        ]) {
          await before.query(
            `INSERT INTO sync_plan_items (run_id, oid, action, user_name, display_name, primary_address, aliases,
                  included, reasons, attrs_hash, new_user_id, new_archive_id, source, changes)
           VALUES ('${RUN}', '${oid}', '${action}', '${name}', '${name}', '${name}', '[]', 1, '[]', 'h', 'u', 'a', 'directory', '[]')`,
          );
        }
      } finally {
        await before.destroy();
      }
      dataSource = await database.migrated(directorySyncMigrations.slice(0, KEYS_MIGRATION + 1));
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await database.close();
    });

    it('drops the action index, keeps the rows, and orders user names bytewise', async () => {
      expect(await indexNames(dataSource, kind)).not.toContain('sync_plan_items_action');
      const creates = (await dataSource.query(
        `SELECT user_name FROM sync_plan_items WHERE run_id = '${RUN}' AND action = 'create' ORDER BY user_name`,
      )) as { user_name: string }[];
      // Bytewise, upper case sorts before lower case.
      expect(creates.map((row) => row.user_name)).toEqual(['Zoe@contoso.example', 'bea@contoso.example']);
      if (kind === 'postgres') {
        expect(await collations(dataSource)).toEqual({
          'archive_users.oid': 'C',
          'archive_users.user_name': 'C',
          'sync_plan_items.oid': 'C',
          'sync_plan_items.user_name': 'C',
        });
      }
    });

    it('undone: the action index and the database collation come back', async () => {
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await indexNames(dataSource, kind)).toContain('sync_plan_items_action');
      if (kind === 'postgres') {
        expect(new Set(Object.values(await collations(dataSource)))).toEqual(new Set(['default']));
      }
      const rows = (await dataSource.query(
        `SELECT oid FROM sync_plan_items WHERE run_id = '${RUN}'`,
      )) as unknown[];
      expect(rows).toHaveLength(3);
    });
  },
);
