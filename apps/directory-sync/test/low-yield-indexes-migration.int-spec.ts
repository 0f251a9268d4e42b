import { MigrationTestDatabase } from '@archive365/testing';
import type { DataSource } from 'typeorm';
import { directorySyncMigrations } from '../src/migrations';

const DROPPED = ['archive_users_instance_state', 'sync_plan_items_user_name'];

async function indexNames(dataSource: DataSource, kind: 'postgres' | 'sqlite'): Promise<string[]> {
  const rows = (await dataSource.query(
    kind === 'postgres'
      ? `SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('archive_users', 'sync_plan_items')`
      : `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('archive_users', 'sync_plan_items')`,
  )) as { name: string }[];
  return rows.map((row) => row.name);
}

/** The state index of archive users and the user-name index of the plan go, and undoing brings them back. */
describe.each(['postgres', 'sqlite'] as const)('directory-sync migration: low-yield indexes (%s)', (kind) => {
  const database = new MigrationTestDatabase(kind, 'directory_sync_indexes');
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await database.migrated(directorySyncMigrations);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.close();
  });

  it('drops both indexes and keeps the keys the runs read by', async () => {
    const names = await indexNames(dataSource, kind);
    for (const name of DROPPED) expect(names).not.toContain(name);
    expect(names).toEqual(
      expect.arrayContaining(['archive_users_instance_oid', 'archive_users_instance_user_name']),
    );
  });

  it('undone: both indexes come back', async () => {
    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await indexNames(dataSource, kind)).toEqual(expect.arrayContaining(DROPPED));
  });
});
