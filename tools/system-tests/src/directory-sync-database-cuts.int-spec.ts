import { Subjects, type SyncRunView } from '@archive365/contracts';
import type { ServiceBaseConfig } from '@archive365/config';
import { waitFor } from '@archive365/testing';
import { Client } from 'pg';
import { DirectorySyncHarness } from './support/directory-sync-harness';

/**
 * The directory-sync database's connections terminated over and over while a run reads, plans, applies
 * and publishes (`pg_terminate_backend` on this file's own database, as a PostgreSQL restart or a
 * failover does to a pool): whichever step the cuts hit, the run ends succeeded or failed, never stuck
 * or half-applied; a following run converges; every change reaches the stream exactly once and nobody
 * is disabled who is still in the directory. (One cut during a read: directory-sync-safety.)
 */
describe('directory sync: database connections cut again and again during a run', () => {
  const harness = new DirectorySyncHarness('dbcuts');
  const ids: string[] = [];
  let admin: Client;
  let database: string;

  /** Terminates every connection to directory-sync's database every `everyMs` until stopped. */
  const keepCutting = (everyMs: number) => {
    let cuts = 0;
    let running = true;
    const loop = (async () => {
      while (running) {
        const result = await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [database],
        );
        cuts += result.rowCount ?? 0;
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    })();
    return async () => {
      running = false;
      await loop;
      return cuts;
    };
  };
  const archive = async () =>
    (await harness.archiveUsers()).map((user) => `${user.state} ${user.userName}`).sort();
  const directory = (disabled: string[]) =>
    [
      ...(harness.emulator.store.tenant(harness.tenantId)?.users.all() ?? []).map(
        (user) => `active ${user.userPrincipalName.toLowerCase()}`,
      ),
      ...disabled.map((nickname) => `disabled ${harness.upn(nickname)}`),
    ].sort();
  /** The run once it ended; asked again when a cut makes the service fail to answer. */
  const ended = (runId: string) =>
    waitFor(
      `run ${runId} to end`,
      async () => {
        const run = await harness.caller.rpc
          .send(Subjects.GetSyncRun, { runId }, { timeoutMs: 5000 })
          .catch(() => undefined);
        return run && ['succeeded', 'failed'].includes(run.state) ? run : undefined;
      },
      60_000,
    );
  /** Starts a run, retrying while cuts make the start itself fail. */
  const start = () =>
    waitFor('a run to start', () =>
      harness.caller.rpc
        .send(Subjects.StartSync, { instanceAlias: harness.alias, kind: 'full' }, { timeoutMs: 5000 })
        .catch(() => undefined),
    );

  beforeAll(async () => {
    await harness.start();
    await harness.configure({ userFilter: 'enabled', leaverThreshold: { maxCount: 500, maxPercent: 50 } });
    const url = new URL(
      (harness.platform.service('directory-sync').config as ServiceBaseConfig).DATABASE_URL as string,
    );
    database = url.pathname.slice(1);
    admin = new Client({ connectionString: url.toString().replace(url.pathname, '/postgres') });
    await admin.connect();
    for (let i = 0; i < 120; i++) ids.push(await harness.addUser({ nickname: `person${i}` }));
  });

  afterAll(async () => {
    await admin?.end();
    await harness.close();
  });

  /** How many times each change reached the stream, as `change userName`, read by a fresh consumer. */
  const changeTally = async (durable: string) => {
    const tally = new Map<string, number>();
    for (const event of await harness.changeEvents(durable))
      for (const { change, userName } of event.data.changes) {
        const key = `${change} ${userName}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
    return tally;
  };
  /** A full run under the cuts, then the proof: clean end, convergence, each change once. */
  const runUnderCuts = async (everyMs: number, leavers: string[]) => {
    const before = await archive();
    const started = await start();
    const stopCutting = keepCutting(everyMs);
    let run: SyncRunView;
    try {
      run = await ended(started.id);
    } finally {
      expect(await stopCutting()).toBeGreaterThan(0);
    }
    if (run.state === 'failed') {
      expect(run.applied).toBe(false);
      expect(await archive()).toEqual(before);
    }
    expect(await harness.sync('full')).toMatchObject({ state: 'succeeded' });
    expect(await archive()).toEqual(directory(leavers));
    const tally = await changeTally(`tally-${everyMs}`);
    expect([...tally.entries()].filter(([, times]) => times !== 1)).toEqual([]);
    for (const user of await harness.archiveUsers()) expect(tally.get(`created ${user.userName}`)).toBe(1);
    for (const nickname of leavers) expect(tally.get(`disabled ${harness.upn(nickname)}`)).toBe(1);
    expect(await harness.sync('full')).toMatchObject({
      state: 'succeeded',
      counts: { create: 0, update: 0, disable: 0, delete: 0 },
    });
  };

  it('a first full run of 120 users, connections cut every 40 ms: ends cleanly, converges, each change once', async () => {
    await runUnderCuts(40, []);
  });

  it('10 joiners and 3 leavers, connections cut every 150 ms: the same, and only the leavers disabled', async () => {
    for (const id of ids.slice(0, 3))
      await harness.control('DELETE', `/tenants/${harness.tenantId}/users/${id}`);
    for (let i = 0; i < 10; i++) ids.push(await harness.addUser({ nickname: `joiner${i}` }));
    await runUnderCuts(150, ['person0', 'person1', 'person2']);
  });
});
