import { randomUUID } from 'node:crypto';
import type { ArchivePrivilege, ArchiveUserChange, PlanCounts } from '@archive365/contracts';
import { createTestDatabase, type TestDatabase } from '@archive365/testing';
import { DataSource } from 'typeorm';
import { Sql } from '../src/database/sql.repository';
import { DirectoryReadError } from '../src/graph/directory-read.error';
import { directorySyncMigrations } from '../src/migrations';
import { FirstSyncRepository } from '../src/planning/first-sync.repository';
import { PlanApplyRepository } from '../src/planning/plan-apply.repository';
import { PlanStagingRepository, type StageContext } from '../src/planning/plan-staging.repository';
import { PlanRepository } from '../src/planning/plan.repository';
import { markRepeated, SeenOids } from '../src/planning/seen-oids';
import type { StagedUser } from '../src/planning/staged-user';
import { RunChangesRepository } from '../src/runs/run-changes.repository';
import { SyncProfile } from '../src/sync-profiles/sync-profile.entity';

const TENANT = '3c1f9a2e-0000-4000-8000-00000000f1a5';
const PRIVILEGES: ArchivePrivilege[] = ['search-own', 'export-own'];

/** A directory user as a read stages it; fresh archive ids on every call, as each run makes its own. */
function user(n: number, change: Partial<StagedUser> = {}): StagedUser {
  const name = `user${n}@contoso.example`;
  return {
    oid: `0000000${n}-1111-4222-8333-444444444444`,
    userName: name,
    displayName: `User ${n}`,
    primaryAddress: name,
    aliases: n % 2 ? [name, `u${n}@contoso.example`] : [name],
    attrsHash: `hash-${n}`,
    included: true,
    reasons: ['licensed for Exchange Online'],
    source: 'directory',
    newUserId: randomUUID(),
    newArchiveId: randomUUID(),
    ...change,
  };
}

/**
 * Three pages of a first read: in and out of scope, a user returned twice with a new name (the later
 * version wins), one returned again out of scope (the first version stays, as when planning), and one
 * out of scope first and in scope when returned again (created).
 */
const pages = () => [
  [user(1), user(2), user(3, { included: false, reasons: ['not licensed'] }), user(4)],
  [user(5), user(1, { displayName: 'User One', attrsHash: 'hash-1b' }), user(6)],
  [user(2, { included: false, reasons: ['disabled'] }), user(7), user(3)],
];

/**
 * The first sync of an instance writes its archive users and its plan rows while it reads, each in a
 * transaction of its own: the same archive users and the same events as planning first and applying
 * after, and a run that fails on the way leaves nothing.
 */
describe('first sync: applied while reading, the same as planned then applied', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let sql: Sql;
  let firstSync: FirstSyncRepository;
  let staging: PlanStagingRepository;
  let plans: PlanRepository;
  let applier: PlanApplyRepository;
  let changes: RunChangesRepository;

  beforeAll(async () => {
    database = await createTestDatabase('ds-first-sync');
    dataSource = await new DataSource({
      type: 'postgres',
      url: database.url,
      entities: [SyncProfile],
      migrations: directorySyncMigrations,
    }).initialize();
    await dataSource.runMigrations();
    sql = new Sql(dataSource);
    firstSync = new FirstSyncRepository(sql);
    staging = new PlanStagingRepository(sql, firstSync);
    plans = new PlanRepository(sql);
    applier = new PlanApplyRepository(sql);
    changes = new RunChangesRepository(sql);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const firstRun = (instanceId: string, runId: string) => ({
    runId,
    instanceId,
    tenantId: TENANT,
    privileges: PRIVILEGES,
    now: 'now',
  });

  const contextFor = (instanceId: string, runId: string): StageContext => ({
    runId,
    instanceId,
    leaverAction: 'disable-login',
    everyone: false,
    replaces: false,
  });

  /** Stages every page (and the leaver check) as a read does; answers the users left out of the plan. */
  async function read(context: StageContext, users: StagedUser[][]) {
    const unstaged = { unchanged: 0, excluded: 0 };
    const seen = new SeenOids();
    let matched = 0;
    for (const page of users) {
      const tally = await staging.stage(context, markRepeated(seen, page));
      unstaged.unchanged += tally.unchanged;
      unstaged.excluded += tally.excluded;
      matched += tally.matched;
    }
    await staging.completeRead(context, seen, matched);
    return unstaged;
  }

  /** The way every other run goes: read, plan, then apply in a transaction of its own. */
  async function plannedThenApplied(instanceId: string, runId: string): Promise<PlanCounts> {
    const unstaged = await read(contextFor(instanceId, runId), pages());
    await plans.compute({ runId, instanceId, leaverAction: 'disable-login', staged: 0 });
    const counts = await plans.counts(runId, unstaged);
    await applier.apply(
      { runId, instanceId, tenantId: TENANT, privileges: PRIVILEGES, counts },
      async () => undefined,
    );
    return counts;
  }

  async function appliedWhileReading(instanceId: string, runId: string): Promise<PlanCounts | undefined> {
    return firstSync.ifFirst(firstRun(instanceId, runId), async (write) => {
      const unstaged = await read({ ...contextFor(instanceId, runId), firstSync: write }, pages());
      return plans.counts(runId, unstaged, write.manager);
    });
  }

  const archiveUsers = (instanceId: string) =>
    sql.query<Record<string, unknown>>(
      `SELECT id, tenant_id, oid, user_name, display_name, primary_address, aliases, former_addresses, state,
              attrs_hash, archive_id, archive_deleted_at, privileges
         FROM archive_users WHERE instance_id = ? ORDER BY oid`,
      [instanceId],
    );

  /** The changes a run's events carry, as the database builds them. */
  async function changesOf(runId: string): Promise<ArchiveUserChange[]> {
    const { batches } = await changes.batchesAfter(runId, TENANT, '', 500, 8);
    return batches.flatMap((batch) => JSON.parse(batch.changesJson) as ArchiveUserChange[]);
  }

  /** The rows and events of a run without the ids made for it, and whether those ids agree with each other. */
  async function outcome(instanceId: string, runId: string) {
    const users = await archiveUsers(instanceId);
    const events = await changesOf(runId);
    const byOid = new Map(users.map((row) => [row['oid'], row]));
    for (const event of events) {
      expect(byOid.get(event.oid)).toMatchObject({ id: event.archiveUserId, archive_id: event.archiveId });
    }
    return {
      users: users.map(({ id: _id, archive_id: _archive, ...rest }) => rest),
      events: events.map(({ archiveUserId: _id, archiveId: _archive, ...rest }) => rest),
    };
  }

  it('creates the same archive users and events as planning first', async () => {
    const planned = { instanceId: randomUUID(), runId: randomUUID() };
    const fast = { instanceId: randomUUID(), runId: randomUUID() };

    const plannedCounts = await plannedThenApplied(planned.instanceId, planned.runId);
    const fastCounts = await appliedWhileReading(fast.instanceId, fast.runId);

    expect(fastCounts).toEqual(plannedCounts);
    expect(fastCounts).toMatchObject({ create: 7, update: 0, disable: 0 });
    const expected = await outcome(planned.instanceId, planned.runId);
    expect(await outcome(fast.instanceId, fast.runId)).toEqual(expected);
    expect(expected.users.map((row) => row['display_name'])).toEqual([
      'User One',
      'User 2',
      'User 3',
      'User 4',
      'User 5',
      'User 6',
      'User 7',
    ]);
    expect(expected.events).toHaveLength(7);
    // What the console lists for the run: the same rows, each with why the user is in scope.
    const listed = (runId: string) => plans.page(runId, { offset: 0, limit: 50 });
    expect(await listed(fast.runId)).toEqual(await listed(planned.runId));
    expect((await listed(fast.runId)).items.map((item) => item.displayName)).toContain('User One');
  });

  it('is not taken once the instance has an archive user', async () => {
    const instanceId = randomUUID();
    await plannedThenApplied(instanceId, randomUUID());
    let called = false;
    const answer = await firstSync.ifFirst(firstRun(instanceId, randomUUID()), async () => {
      called = true;
      return 'taken';
    });
    expect({ answer, called }).toEqual({ answer: undefined, called: false });
  });

  it('leaves no plan row and no archive user when the read fails after pages were written', async () => {
    const instanceId = randomUUID();
    const runId = randomUUID();
    const failed = firstSync.ifFirst(firstRun(instanceId, runId), async (write) => {
      const context = { ...contextFor(instanceId, runId), firstSync: write };
      const [first, second] = pages();
      const seen = new SeenOids();
      await staging.stage(context, markRepeated(seen, first ?? []));
      await staging.stage(context, markRepeated(seen, second ?? []));
      await firstSync.pagesWritten(write);
      const [written] = await sql.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM archive_users WHERE instance_id = ?`,
        [instanceId],
        write.manager,
      );
      expect(Number(written?.n)).toBe(5);
      throw new DirectoryReadError('unavailable', 'the connection was cut on the third page');
    });

    await expect(failed).rejects.toBeInstanceOf(DirectoryReadError);
    expect(await archiveUsers(instanceId)).toEqual([]);
    expect(await sql.query(`SELECT oid FROM sync_plan_items WHERE run_id = ?`, [runId])).toEqual([]);
  });

  it('leaves nothing when the read fails while its pages are still being copied', async () => {
    const instanceId = randomUUID();
    const runId = randomUUID();
    const failed = firstSync.ifFirst(firstRun(instanceId, runId), async (write) => {
      const context = { ...contextFor(instanceId, runId), firstSync: write };
      await staging.stage(context, markRepeated(new SeenOids(), pages()[0] ?? []));
      throw new DirectoryReadError('unavailable', 'the connection was cut on the second page');
    });

    await expect(failed).rejects.toBeInstanceOf(DirectoryReadError);
    expect(await archiveUsers(instanceId)).toEqual([]);
    expect(await sql.query(`SELECT oid FROM sync_plan_items WHERE run_id = ?`, [runId])).toEqual([]);
  });

  it('leaves no plan row when the run fails after its plan rows were committed', async () => {
    const instanceId = randomUUID();
    const runId = randomUUID();
    const planRows = () => sql.query(`SELECT oid FROM sync_plan_items WHERE run_id = ?`, [runId]);
    const failed = firstSync.ifFirst(firstRun(instanceId, runId), async (write) => {
      await read({ ...contextFor(instanceId, runId), firstSync: write }, pages());
      // Seen from outside both transactions: the plan rows are committed, the archive users are not.
      expect(await planRows()).toHaveLength(7);
      expect(await archiveUsers(instanceId)).toEqual([]);
      throw new Error('the run record could not be written');
    });

    await expect(failed).rejects.toThrow('the run record could not be written');
    expect(await archiveUsers(instanceId)).toEqual([]);
    expect(await planRows()).toEqual([]);
  });

  it('writes names and addresses exactly, whatever characters they hold', async () => {
    const instanceId = randomUUID();
    const runId = randomUUID();
    // The characters COPY's text format gives a meaning to, JSON's escapes, and letters beyond ASCII.
    const displayName = 'Zoë \\ "Ops"\tteam\nline two\r\\N \\. ü 東京';
    const tricky = user(8, { displayName, aliases: ['zoë@contoso.example', 'back\\slash@contoso.example'] });
    await firstSync.ifFirst(firstRun(instanceId, runId), async (write) => {
      await read({ ...contextFor(instanceId, runId), firstSync: write }, [[tricky, user(9)]]);
    });

    const [row] = await archiveUsers(instanceId);
    expect(row).toMatchObject({ oid: tricky.oid, display_name: displayName });
    expect(JSON.parse(String(row?.['aliases']))).toEqual(tricky.aliases);
    const [event] = await changesOf(runId);
    expect(event).toMatchObject({ displayName, aliases: tricky.aliases });
  });
});
