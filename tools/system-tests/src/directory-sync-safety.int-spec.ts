import { Subjects, type ArchiveUserView } from '@archive365/contracts';
import type { ServiceBaseConfig } from '@archive365/config';
import { waitFor, type TestService } from '@archive365/testing';
import { Client } from 'pg';
import { SyncRunsService } from '../../../apps/directory-sync/src/runs/sync-runs.service';
import { DirectorySyncHarness, E3 } from './support/directory-sync-harness';

/**
 * Safe by default: a run that could not read the whole directory changes nothing; a run over the
 * threshold waits for an administrator; two replicas never run one instance at once; an interrupted run
 * is marked failed, never half-applied.
 */
describe('directory sync: safety under faults, thresholds and replicas', () => {
  const harness = new DirectorySyncHarness('safety');
  const ids: string[] = [];
  let baseline: ArchiveUserView[];

  const faults = (rule: Record<string, unknown>) =>
    harness.control('POST', '/faults', { pathPrefix: '/v1.0/users', ...rule });
  const clearFaults = () => harness.control('DELETE', '/faults');
  const snapshot = async () =>
    (await harness.archiveUsers()).map(({ oid, state, userName, archiveId }) => ({
      oid,
      state,
      userName,
      archiveId,
    }));

  beforeAll(async () => {
    await harness.start();
    for (let i = 0; i < 10; i++)
      ids.push(await harness.addUser({ nickname: `user${i}`, licenseSkuIds: [E3] }));
    expect(await harness.sync('full')).toMatchObject({ state: 'succeeded', counts: { create: 10 } });
    baseline = await harness.archiveUsers();
  });

  afterEach(async () => {
    await clearFaults();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('a 429 storm past the retries: failed, incomplete, nothing changed', async () => {
    await harness.control('DELETE', `/tenants/${harness.tenantId}/users/${ids[0]}`);
    await faults({ kind: 'throttle', retryAfterSeconds: 0 });
    const run = await harness.sync('full');
    expect(run).toMatchObject({ state: 'failed', completeRead: false, applied: false });
    expect(run.reason).toMatch(/429.*incomplete.*nothing was changed/);
    expect(await snapshot()).toEqual(
      baseline.map(({ oid, state, userName, archiveId }) => ({ oid, state, userName, archiveId })),
    );
  });

  it('a few 429s with Retry-After and a 503 are ridden out, and the run completes', async () => {
    await faults({ kind: 'throttle', retryAfterSeconds: 1, times: 2 });
    await faults({ kind: 'serverError', status: 503, times: 1 });
    const run = await harness.sync('preview');
    expect(run).toMatchObject({ state: 'planned', completeRead: true, counts: { disable: 1, unchanged: 9 } });
  });

  it('5xx past the retries, and a page cut mid-way every time: failed, nothing changed', async () => {
    await faults({ kind: 'serverError', status: 502 });
    expect(await harness.sync('full')).toMatchObject({
      state: 'failed',
      applied: false,
      completeRead: false,
    });
    await clearFaults();
    await faults({ kind: 'cutConnection', cutAfterBytes: 300 });
    const cut = await harness.sync('full');
    expect(cut).toMatchObject({ state: 'failed', applied: false });
    expect(cut.reason).toMatch(/connection cut or unreadable page/);
    expect((await harness.archiveUsers('active')).length).toBe(10);
  });

  it('a page cut once is read again: complete, and the leaver is handled', async () => {
    await faults({ kind: 'cutConnection', cutAfterBytes: 300, times: 1 });
    const run = await harness.sync('full');
    expect(run).toMatchObject({ state: 'succeeded', completeRead: true, counts: { disable: 1 } });
    expect((await harness.archiveUsers('disabled')).map((user) => user.oid)).toEqual([ids[0]]);
  });

  it('holds a run over the threshold; rejecting it changes nothing', async () => {
    // 9 active, 10 % of 9 = 1 allowed: 3 leavers hold the run.
    for (const id of ids.slice(1, 4))
      await harness.control('DELETE', `/tenants/${harness.tenantId}/users/${id}`);
    const held = await harness.sync('full');
    expect(held).toMatchObject({ state: 'held', applied: false, counts: { disable: 3, unchanged: 6 } });
    expect(held.reason).toMatch(/3 archive users would be disabled or deleted, over the threshold of 1/);
    const plan = await harness.planItems(held.id, 'disable');
    expect(plan.items.map((item) => item.oid).sort()).toEqual(ids.slice(1, 4).sort());
    // A run stores only what it would change: the unchanged users are counted, not written to its plan.
    expect((await harness.planItems(held.id)).total).toBe(3);
    expect((await harness.archiveUsers('active')).length).toBe(9);

    const rejected = await harness.caller.rpc.send(Subjects.DecideSyncRun, {
      runId: held.id,
      decision: 'reject',
      decidedBy: 'admin',
    });
    expect(rejected).toMatchObject({ state: 'rejected', decidedBy: 'admin', applied: false });
    expect((await harness.archiveUsers('active')).length).toBe(9);
    const again = await harness.caller.rpc
      .send(Subjects.DecideSyncRun, { runId: held.id, decision: 'approve' })
      .catch((e: unknown) => e);
    expect(again).toMatchObject({ body: { code: 'CONFLICT', reason: 'RUN_NOT_HELD' } });
  });

  it('holds again; approving it applies the plan', async () => {
    const held = await harness.sync('full');
    expect(held.state).toBe('held');
    await harness.caller.rpc.send(Subjects.DecideSyncRun, {
      runId: held.id,
      decision: 'approve',
      decidedBy: 'admin',
    });
    const applied = await harness.settled(held.id);
    expect(applied).toMatchObject({
      state: 'succeeded',
      applied: true,
      decidedBy: 'admin',
      counts: { disable: 3, unchanged: 6 },
    });
    expect((await harness.archiveUsers('active')).length).toBe(6);
  });

  it('holds an empty directory where there were users: nothing is disabled', async () => {
    const emptyFilter = await harness.addGroup('Nobody', []);
    await harness.configure({
      userFilter: 'groups',
      groupIds: [emptyFilter],
      leaverThreshold: { maxCount: 500, maxPercent: 100 },
    });
    const run = await harness.sync('full');
    expect(run).toMatchObject({ state: 'held', applied: false });
    expect(run.reason).toMatch(/no users in scope where 6 archive users are active/);
    expect((await harness.archiveUsers('active')).length).toBe(6);
    await harness.caller.rpc.send(Subjects.DecideSyncRun, { runId: run.id, decision: 'reject' });
    await harness.configure({ userFilter: 'licensed', leaverThreshold: { maxCount: 500, maxPercent: 10 } });
  });

  it('two replicas racing for one instance: one runs, the other is told a run is in progress', async () => {
    const first = harness.platform.service('directory-sync') as TestService<ServiceBaseConfig>;
    const second = await harness.platform.start('directory-sync');
    try {
      await faults({ kind: 'delay', delayMs: 500, times: 2 });
      const outcomes = await Promise.allSettled(
        [first, second].map((replica) =>
          replica.app
            .get(SyncRunsService)
            .start({ instanceAlias: harness.alias, kind: 'full', requestedBy: 'race' }),
        ),
      );
      const started = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(started).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'RUN_IN_PROGRESS' });
      // Over NATS too, while it runs.
      const busy = await harness.caller.rpc
        .send(Subjects.StartSync, { instanceAlias: harness.alias, kind: 'full' })
        .catch((e: unknown) => e);
      expect(busy).toMatchObject({ body: { code: 'CONFLICT', reason: 'RUN_IN_PROGRESS' } });
      const run = (started[0] as PromiseFulfilledResult<{ id: string }>).value;
      expect(await harness.settled(run.id)).toMatchObject({ state: 'succeeded' });
    } finally {
      await first.stop();
    }
  });

  it('a replica stopped during a read: the run is marked failed, nothing changed; the next run works', async () => {
    await faults({ kind: 'delay', delayMs: 3000, times: 1 });
    const started = await harness.caller.rpc.send(Subjects.StartSync, {
      instanceAlias: harness.alias,
      kind: 'full',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await harness.platform.stop('directory-sync');
    await harness.platform.start('directory-sync');
    const run = await harness.settled(started.id);
    expect(run).toMatchObject({ state: 'failed', applied: false });
    expect(run.reason).toMatch(/stopping|interrupted/);
    expect(await harness.sync('full')).toMatchObject({ state: 'succeeded' });
  });

  it('the database connections cut during a run (a PostgreSQL restart): failed, nothing half-applied', async () => {
    const before = await snapshot();
    ids.push(await harness.addUser({ nickname: 'late', licenseSkuIds: [E3] }));
    await faults({ kind: 'delay', delayMs: 1500, times: 1 });
    const started = await harness.caller.rpc.send(Subjects.StartSync, {
      instanceAlias: harness.alias,
      kind: 'full',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const url = new URL(
      (harness.platform.service('directory-sync').config as ServiceBaseConfig).DATABASE_URL as string,
    );
    const admin = new Client({ connectionString: url.toString().replace(url.pathname, '/postgres') });
    await admin.connect();
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [url.pathname.slice(1)],
    );
    await admin.end();
    // The run may have met the cut while reading, while recording, or not at all (the pool reconnects):
    // it ends failed or succeeded (recovery marks it failed if it could not), never half-applied.
    const run = await waitFor(
      'the run to end',
      async () => {
        const current = await harness.caller.rpc
          .send(Subjects.GetSyncRun, { runId: started.id })
          .catch(() => undefined);
        return current && ['failed', 'succeeded'].includes(current.state) ? current : undefined;
      },
      30_000,
    );
    const after = await snapshot();
    if (run.state === 'succeeded') expect(after.length).toBe(before.length + 1);
    else expect(after).toEqual(before);
    const next = await waitFor('a new run to start', () =>
      harness.caller.rpc
        .send(Subjects.StartSync, { instanceAlias: harness.alias, kind: 'full' })
        .catch(() => undefined),
    );
    expect(await harness.settled(next.id)).toMatchObject({ state: 'succeeded' });
    expect((await harness.archiveUser('late'))?.state).toBe('active');
  });

  it('database connections cut again and again through a run: each new user created once, nobody disabled', async () => {
    const before = await snapshot();
    const joiners = ['cut1', 'cut2', 'cut3'];
    for (const nickname of joiners) await harness.addUser({ nickname, licenseSkuIds: [E3] });
    await faults({ kind: 'delay', delayMs: 200 });
    const url = new URL(
      (harness.platform.service('directory-sync').config as ServiceBaseConfig).DATABASE_URL as string,
    );
    const admin = new Client({ connectionString: url.toString().replace(url.pathname, '/postgres') });
    await admin.connect();
    const started = await harness.caller.rpc.send(Subjects.StartSync, {
      instanceAlias: harness.alias,
      kind: 'full',
    });
    // Cut every connection of the service's database every 150 ms until the run has ended: the read,
    // the plan, the apply and the events each meet a cut (or a fresh connection).
    let ended: { state: string } | undefined;
    for (let cuts = 0; !ended && cuts < 200; cuts++) {
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [url.pathname.slice(1)],
      );
      await new Promise((resolve) => setTimeout(resolve, 150));
      const current = await harness.caller.rpc
        .send(Subjects.GetSyncRun, { runId: started.id })
        .catch(() => undefined);
      if (current && ['failed', 'succeeded'].includes(current.state)) ended = current;
    }
    await admin.end();
    await clearFaults();
    // A connection the pool still held may fail one more answer: asked again until the run has settled.
    const run = await waitFor(
      'the run to settle',
      async () => {
        const current = await harness.caller.rpc
          .send(Subjects.GetSyncRun, { runId: started.id })
          .catch(() => undefined);
        return current && ['failed', 'succeeded'].includes(current.state) ? current : undefined;
      },
      60_000,
    );
    expect(['failed', 'succeeded']).toContain(run.state);
    const next = await waitFor('a new run to start', () =>
      harness.caller.rpc
        .send(Subjects.StartSync, { instanceAlias: harness.alias, kind: 'full' })
        .catch(() => undefined),
    );
    expect(await harness.settled(next.id)).toMatchObject({
      state: 'succeeded',
      counts: { disable: 0, delete: 0 },
    });
    // Nobody who was there is disabled, deleted or moved to another archive; every joiner is active.
    const after = await snapshot();
    const joinerNames = joiners.map((nickname) => harness.upn(nickname).toLowerCase());
    expect(after.filter((user) => !joinerNames.includes(user.userName))).toEqual(before);
    expect(after.filter((user) => joinerNames.includes(user.userName)).map((user) => user.state)).toEqual([
      'active',
      'active',
      'active',
    ]);
    // Each joiner's creation reached the stream exactly once, whichever run carried it.
    const created = (await harness.changeEvents('after-database-cuts'))
      .flatMap((event) => event.data.changes)
      .filter((change) => change.change === 'created' && joinerNames.includes(change.userName));
    expect(created.map((change) => change.userName).sort()).toEqual([...joinerNames].sort());
  });

  it('NATS restarted during a run: the run completes, nothing lost or disabled, each change published once', async () => {
    const before = await snapshot();
    await harness.addUser({ nickname: 'natslate', licenseSkuIds: [E3] });
    // The first page waits, so the restart falls inside the run's read.
    await faults({ kind: 'delay', delayMs: 1500, times: 1 });
    const started = await harness.caller.rpc.send(Subjects.StartSync, {
      instanceAlias: harness.alias,
      kind: 'full',
    });
    await harness.platform.ns.server.restart();
    const run = await waitFor(
      'the run to end',
      async () => {
        const current = await harness.caller.rpc
          .send(Subjects.GetSyncRun, { runId: started.id }, { timeoutMs: 1000 })
          .catch(() => undefined);
        return current && ['failed', 'succeeded'].includes(current.state) ? current : undefined;
      },
      60_000,
    );
    expect(run).toMatchObject({
      state: 'succeeded',
      counts: { create: 1, update: 0, disable: 0, delete: 0 },
    });
    const after = await snapshot();
    expect(after.filter((user) => user.userName !== harness.upn('natslate').toLowerCase())).toEqual(before);
    expect((await harness.archiveUser('natslate'))?.state).toBe('active');
    // The event of the run reached the stream (kept across the restart) once, with its one change.
    const events = (await harness.changeEvents('after-nats-restart')).filter(
      (event) => event.data.runId === started.id,
    );
    expect(events.flatMap((event) => event.data.changes.map((change) => change.change))).toEqual(['created']);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  });
});
