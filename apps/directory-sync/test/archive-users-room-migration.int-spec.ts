import { MigrationTestDatabase } from '@archive365/testing';
import type { DataSource } from 'typeorm';
import { directorySyncMigrations } from '../src/migrations';
import { ArchiveUsersRoomToUpdate1764300001900 } from '../src/migrations/1764300001900-archive-users-room-to-update';

const ROOM_MIGRATION = directorySyncMigrations.indexOf(ArchiveUsersRoomToUpdate1764300001900);

/** PostgreSQL's storage options of `archive_users` (null when it has none). */
async function storageOptions(dataSource: DataSource): Promise<string[] | null> {
  const [row] = (await dataSource.query(
    `SELECT reloptions AS options FROM pg_class WHERE relname = 'archive_users'`,
  )) as { options: string[] | null }[];
  return row?.options ?? null;
}

/**
 * `archive_users` keeps room in its pages for updated rows on PostgreSQL, and undoing takes it away; on
 * SQLite the migration changes nothing, both ways.
 */
describe.each(['postgres', 'sqlite'] as const)('directory-sync migration: room to update (%s)', (kind) => {
  const database = new MigrationTestDatabase(kind, 'directory_sync_room');
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await database.migrated(directorySyncMigrations.slice(0, ROOM_MIGRATION + 1));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.close();
  });

  it('sets the fill factor of archive users, and undoing resets it', async () => {
    if (kind === 'postgres') expect(await storageOptions(dataSource)).toEqual(['fillfactor=90']);
    await dataSource.undoLastMigration({ transaction: 'each' });
    if (kind === 'postgres') expect(await storageOptions(dataSource)).toBeNull();
    const [last] = (await dataSource.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`)) as {
      name: string;
    }[];
    expect(last?.name).toBe('PlanKeysByteOrder1764300001800');
  });
});
