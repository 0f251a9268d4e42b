import { MigrationTestDatabase } from '@archive365/testing';
import type { DataSource } from 'typeorm';
import { directorySyncMigrations } from '../src/migrations';
import { CreateSyncGroupState1764300001700 } from '../src/migrations/1764300001700-create-sync-group-state';

const GROUP_STATE = directorySyncMigrations.indexOf(CreateSyncGroupState1764300001700);

const GROUPS_PROFILE = '11111111-1111-4111-8111-111111111111';
const LICENSED_PROFILE = '22222222-2222-4222-8222-222222222222';
const NOW = '2026-11-30T10:00:00.000Z';

function insertProfile(dataSource: DataSource, instanceId: string, alias: string, userFilter: string) {
  return dataSource.query(
    `INSERT INTO sync_profiles (instance_id, alias, user_filter, leaver_action, created_at, delta_link, delta_link_at)
     VALUES ('${instanceId}', '${alias}', '${userFilter}', 'disable-login', '${NOW}', 'https://graph/users/delta?$deltatoken=x', '${NOW}')`,
  );
}

/**
 * The groups filter's state between runs, on both databases: the tables take a run's read, and undoing
 * the migration drops them and the groups-filter profiles' delta links (their next run reads in full).
 */
describe.each(['postgres', 'sqlite'] as const)('directory-sync migration to the group state (%s)', (kind) => {
  const database = new MigrationTestDatabase(kind, 'directory_sync');
  let dataSource: DataSource;

  beforeAll(async () => {
    const before = await database.migrated(directorySyncMigrations.slice(0, GROUP_STATE));
    try {
      await insertProfile(before, GROUPS_PROFILE, 'groups', 'groups');
      await insertProfile(before, LICENSED_PROFILE, 'licensed', 'licensed');
    } finally {
      await before.destroy();
    }
    dataSource = await database.migrated(directorySyncMigrations.slice(0, GROUP_STATE + 1));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.close();
  });

  it('stores a run read of the groups: its links and each group’s direct members', async () => {
    await dataSource.query(
      `INSERT INTO sync_group_reads (run_id, instance_id, chosen, delta_links, created_at)
       VALUES ('33333333-3333-4333-8333-333333333333', '${GROUPS_PROFILE}', '["g"]', '[]', '${NOW}')`,
    );
    await dataSource.query(
      `INSERT INTO sync_group_members (run_id, group_id, display_name, members)
       VALUES ('33333333-3333-4333-8333-333333333333', '44444444-4444-4444-8444-444444444444', 'Archive', '[["u1","u"]]')`,
    );
    const reads = (await dataSource.query('SELECT is_current FROM sync_group_reads')) as {
      is_current: number | string;
    }[];
    expect(reads.map((row) => Number(row.is_current))).toEqual([0]);
    // One row per group and run.
    await expect(
      dataSource.query(
        `INSERT INTO sync_group_members (run_id, group_id, display_name, members)
         VALUES ('33333333-3333-4333-8333-333333333333', '44444444-4444-4444-8444-444444444444', 'Again', '[]')`,
      ),
    ).rejects.toThrow(/duplicate|UNIQUE/i);
  });

  it('undone: the tables go, and so do the groups-filter profiles’ delta links (only theirs)', async () => {
    await dataSource.undoLastMigration({ transaction: 'each' });
    await expect(dataSource.query('SELECT 1 FROM sync_group_reads')).rejects.toThrow();
    const profiles = (await dataSource.query(
      'SELECT alias, delta_link FROM sync_profiles ORDER BY alias',
    )) as { alias: string; delta_link: string | null }[];
    expect(profiles).toEqual([
      { alias: 'groups', delta_link: null },
      { alias: 'licensed', delta_link: 'https://graph/users/delta?$deltatoken=x' },
    ]);
  });
});
