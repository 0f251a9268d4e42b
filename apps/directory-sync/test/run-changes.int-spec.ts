import { ArchiveUsersChangedEvent, type ArchiveUserChange } from '@archive365/contracts';
import { validatePayload } from '@archive365/messaging';
import { MigrationTestDatabase } from '@archive365/testing';
import type { DataSource } from 'typeorm';
import { Sql } from '../src/database/sql.repository';
import { directorySyncMigrations } from '../src/migrations';
import { RunChangesRepository } from '../src/runs/run-changes.repository';

const RUN = '44444444-4444-4444-8444-444444444444';
const TENANT = '3c1f9a2e-0000-4000-8000-00000000f1a5';
const guid = (n: number, kind: number) => `${String(n).padStart(8, '0')}-000${kind}-4000-8000-000000000000`;

/** Plan rows of each action, with names JSON must escape; `unchanged` and `exclude` rows send nothing. */
const ROWS: { action: string; name: string; aliases: string[]; changes?: string; existing?: boolean }[] = [
  { action: 'create', name: 'Zoë "Q" Müller', aliases: ['zoe@contoso.example', 'zoë@contoso.example'] },
  { action: 'update', name: 'Back\\slash\tand tab', aliases: [], existing: true },
  { action: 'unchanged', name: 'Still', aliases: [], existing: true },
  { action: 'relink', name: 'Relinked 李', aliases: ['r@contoso.example'], existing: true },
  { action: 'disable', name: 'Leaver', aliases: [], existing: true },
  {
    action: 'update',
    name: 'Revived',
    aliases: [],
    existing: true,
    changes: '[{"field":"state","from":"deleted","to":"active"}]',
  },
  { action: 'delete', name: 'Gone\nfor good', aliases: ['g@contoso.example'], existing: true },
  { action: 'exclude', name: 'Out', aliases: [] },
];

const expected = (index: number): ArchiveUserChange => {
  const row = ROWS[index];
  if (!row) throw new Error(`no row ${index}`);
  const change = { create: 'created', relink: 'relinked', disable: 'disabled', delete: 'deleted' }[
    row.action
  ];
  return {
    change: (change ?? 'updated') as ArchiveUserChange['change'],
    archiveUserId: guid(index, row.existing ? 2 : 1),
    archiveId: guid(index, 3),
    tenantId: TENANT,
    oid: guid(index, 0),
    userName: `user${index}@contoso.example`,
    displayName: row.name,
    primaryAddress: `user${index}@contoso.example`,
    aliases: row.aliases,
    archiveCreated: row.action === 'create' || row.changes !== undefined,
    archiveDeleted: row.action === 'delete',
  };
};

/**
 * The events' changes as the database builds them, on both databases: every field of the contract,
 * in batches that the event's own validation accepts, for every kind of change and for names that JSON
 * must escape.
 */
describe.each(['postgres', 'sqlite'] as const)('an applied run changes as event JSON (%s)', (kind) => {
  const database = new MigrationTestDatabase(kind, 'directory_sync_changes');
  let dataSource: DataSource;
  let changes: RunChangesRepository;

  beforeAll(async () => {
    dataSource = await database.migrated(directorySyncMigrations);
    const sql = new Sql(dataSource);
    for (const [index, row] of ROWS.entries()) {
      await sql.execute(
        `INSERT INTO sync_plan_items (run_id, oid, action, user_name, display_name, primary_address, aliases,
                included, reasons, attrs_hash, new_user_id, new_archive_id, archive_user_id, archive_id, source, changes)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, '[]', 'h', ?, ?, ?, ?, 'directory', ?)`,
        [
          RUN,
          guid(index, 0),
          row.action,
          `user${index}@contoso.example`,
          row.name,
          `user${index}@contoso.example`,
          JSON.stringify(row.aliases),
          guid(index, 1),
          guid(index, 4),
          row.existing ? guid(index, 2) : null,
          guid(index, 3),
          row.changes ?? '[]',
        ],
      );
    }
    changes = new RunChangesRepository(sql);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.close();
  });

  async function eventsAfter(after: string, size: number, batches: number) {
    const read = await changes.batchesAfter(RUN, TENANT, after, size, batches);
    const lists = read.batches.map((batch) => JSON.parse(batch.changesJson) as ArchiveUserChange[]);
    for (const [batch, list] of lists.entries()) {
      expect(list).toHaveLength(read.batches[batch]?.count ?? -1);
      const event = { runId: RUN, instanceAlias: 'contoso', batch, changes: list };
      expect(await validatePayload(ArchiveUsersChangedEvent, event)).toMatchObject({ ok: true });
    }
    return { lastOid: read.lastOid, lists };
  }

  it('builds every change of the run in oid order, each field as the contract has it', async () => {
    const { lists } = await eventsAfter('', 500, 8);
    expect(lists).toEqual([[0, 1, 3, 4, 5, 6].map(expected)]);
  });

  it('refuses to build a batch that would leave out a change missing a field', async () => {
    const broken = '55555555-5555-4555-8555-555555555555';
    await dataSource.query(
      `INSERT INTO sync_plan_items (run_id, oid, action, user_name, display_name, primary_address, aliases,
              included, reasons, attrs_hash, new_user_id, new_archive_id, archive_id, source)
       VALUES ('${broken}', '${guid(1, 0)}', 'create', 'u', 'U', 'u', '[]', 1, '[]', 'h', '${guid(1, 1)}', '${guid(1, 4)}', NULL, 'directory')`,
    );
    await expect(changes.batchesAfter(broken, TENANT, '', 500, 8)).rejects.toThrow(
      /1 change\(s\) up to oid .* lack a field their event needs/,
    );
  });

  it('splits the changes into batches and goes on after the last oid of a window', async () => {
    const first = await eventsAfter('', 2, 2);
    expect(first.lists).toEqual([
      [expected(0), expected(1)],
      [expected(3), expected(4)],
    ]);
    expect(first.lastOid).toBe(guid(4, 0));
    const rest = await eventsAfter(first.lastOid, 2, 2);
    expect(rest.lists).toEqual([[expected(5), expected(6)]]);
    expect((await eventsAfter(rest.lastOid, 2, 2)).lists).toEqual([]);
  });

  it('gives the same batches two windows at a time, including when the last window is exactly full', async () => {
    const windowsOf = async (size: number, batches: number) => {
      const windows: ArchiveUserChange[][][] = [];
      for await (const window of changes.windows(RUN, TENANT, size, batches)) {
        windows.push(window.map((batch) => JSON.parse(batch.changesJson) as ArchiveUserChange[]));
      }
      return windows;
    };
    const [a, b, c, d, e, f] = [0, 1, 3, 4, 5, 6].map(expected);
    expect(await windowsOf(2, 2)).toEqual([
      [
        [a, b],
        [c, d],
      ],
      [[e, f]],
    ]);
    expect(await windowsOf(2, 1)).toEqual([[[a, b]], [[c, d]], [[e, f]]]);
    expect(await windowsOf(3, 2)).toEqual([
      [
        [a, b, c],
        [d, e, f],
      ],
    ]);
  });
});
