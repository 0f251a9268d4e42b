/**
 * Directory sync benchmark: an emulated tenant synchronized end to end (Graph pages, plan, PostgreSQL,
 * JetStream events) by the built directory-sync service (`dist/apps/directory-sync/main.js`), with the
 * credentials service (built too) handing it app tokens over NATS. Each runs as its own process, so
 * their CPU-seconds and peak RSS are their own (the emulator runs in this process).
 *
 *   npm run bench -- directory-sync [sizes, e.g. 100000 or 10000,100000,300000] [naive sample size] [pairs]
 *
 * Prints, per tenant size: the first full sync, a repeat with nothing changed, and a delta of 1,000
 * changes (wall time, users/s, CPU-seconds and peak RSS of the sync service, and PostgreSQL's
 * CPU-seconds over the run). For the first size it also runs, each in a process of its own: the floor
 * (plain undici pages COPY-upserted into a bare table, fetching the next page while writing one), right
 * before the first sync and after one unmeasured read of every page, and the naive baseline (Graph
 * client page iterator and a TypeORM `save()` per user, on a sample). With `pairs` above 1, the floor and
 * the first sync are measured that many times in turn (in between, the instance emptied and the sync
 * service started again, so each pair is a first sync as the first is), and the first sync against the
 * floor is printed for each pair, with the median: on a shared machine one run's ratio moves with the
 * floor's own noise. The table shows the first pair.
 */
import 'reflect-metadata';
import { processEnvironment } from '@archive365/config';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ClientSecretCredential } from '@azure/identity';
import { Events, Subjects, type SyncRunView } from '@archive365/contracts';
import { startEmulator, trustEmulatorCaInProcess } from '@archive365/entra-emulator';
import { eventStreamName, eventWireSubject } from '@archive365/messaging';
import {
  connectTestRpc,
  createTestDatabase,
  createTestNamespace,
  waitFor,
  type TestRpc,
} from '@archive365/testing';
import { AckPolicy, DeliverPolicy } from 'nats';
import { median } from './src/latency-stats';
import { peakRssMb } from './src/peak-rss';
import { commandCpuSeconds, processCpuSeconds } from './src/process-cpu';
import { quietPostgres } from './src/quiet-postgres';
import { withPostgres } from './src/with-postgres';
import { runFloor, runNaive, userPages, type ChildFigures } from './directory-sync-baselines.bench';

const SIZES = (process.argv[2] ?? '100000').split(',').map(Number);
const NAIVE_SAMPLE = Number(process.argv[3] ?? 10_000);
const PAIRS = Math.max(1, Number(process.argv[4] ?? 1));
const DELTA_CHANGES = 1000;
const SECRET = 'bench-client-secret-0123456789';
const ROOT = resolve(__dirname, '../..');

/** A first sync and the floor measured right before it, in seconds. */
interface Pair {
  firstSync: number;
  floor: number;
}

interface Measured {
  label: string;
  users: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  detail?: string;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--naive') return runNaive(process.argv.slice(3));
  if (process.argv[2] === '--floor') return runFloor(process.argv.slice(3));
  const results: Measured[] = [];
  const pairs: Pair[] = [];
  for (const [index, size] of SIZES.entries()) {
    results.push(...(await benchSize(size, index === 0, pairs)));
  }
  console.log(`\nDirectory sync, end to end (Node ${process.version}; emulator in the bench process)`);
  for (const r of results) {
    console.log(
      `${r.label.padEnd(58)} ${String(r.users).padStart(7)} users ${r.seconds.toFixed(2).padStart(7)} s ` +
        `${(r.users / r.seconds).toFixed(0).padStart(8)} users/s  CPU ${r.cpuSeconds.toFixed(2).padStart(6)} s  ` +
        `peak RSS ${r.peakRssMb.toFixed(0).padStart(4)} MB${r.detail ? `  ${r.detail}` : ''}`,
    );
  }
  if (pairs.length > 1) {
    const ratios = pairs.map((pair) => pair.firstSync / pair.floor);
    console.log(`first sync / floor, ${pairs.length} pairs (each a first sync on a service just started):`);
    for (const [index, pair] of pairs.entries()) {
      console.log(
        `  ${pair.firstSync.toFixed(2)} s / ${pair.floor.toFixed(2)} s = ${ratios[index]?.toFixed(2)}×`,
      );
    }
    console.log(`  median ${median(ratios).toFixed(2)}×`);
  }
  console.log(`bench process peak RSS (emulator included): ${peakRssMb().toFixed(0)} MB`);
}

async function benchSize(users: number, withBaselines: boolean, pairs: Pair[]): Promise<Measured[]> {
  const tenantId = `b3e7c0de-0000-4000-8000-${String(users).padStart(12, '0')}`;
  const emulator = await startEmulator({ stateDir: mkdtempSync(join(tmpdir(), 'ds-bench-')) });
  trustEmulatorCaInProcess(emulator.caCertPem);
  const ns = createTestNamespace();
  const database = await createTestDatabase('ds_bench');
  const children: ChildProcess[] = [];
  let caller: TestRpc | undefined;
  const results: Measured[] = [];
  try {
    const control = async <T>(path: string, body: unknown): Promise<T> => {
      const response = await fetch(`${emulator.url}/_emulator${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    await control('/tenants', { generate: { users, seed: 2026, tenantId } });
    const app = await control<{ appId: string }>(`/tenants/${tenantId}/apps`, {
      displayName: 'Email Archive',
      clientSecret: SECRET,
      graphRoles: ['Directory.Read.All'],
    });
    const common = {
      PATH: processEnvironment()['PATH'],
      NATS_URL: ns.natsUrl,
      NATS_NAMESPACE: ns.namespace,
      HTTP_PORT: '0',
      LOG_LEVEL: processEnvironment()['BENCH_LOG_LEVEL'] ?? 'warn',
    };
    children.push(
      start('credentials', {
        ...common,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'ds-bench-credentials-')),
        CREDENTIALS_MASTER_KEYS: `bench:${randomBytes(32).toString('base64')}`,
        ENTRA_AUTHORITY_HOST: emulator.url,
        ENTRA_CA_FILE: emulator.caCertPath,
      }),
    );
    const syncEnv = {
      ...common,
      DATABASE_URL: database.url,
      GRAPH_BASE_URL: emulator.url,
      GRAPH_CA_FILE: emulator.caCertPath,
    };
    let sync = start('directory-sync', syncEnv);
    children.push(sync);
    caller = await connectTestRpc(ns.natsUrl, ns.namespace);
    const rpc = caller.rpc;
    await waitFor(
      'the services',
      async () => rpc.send(Subjects.ListInstances, {}, { timeoutMs: 500 }).catch(() => undefined),
      60_000,
    );
    await rpc.send(Subjects.CreateInstance, {
      alias: 'bench',
      displayName: 'Bench',
      publicBaseUrl: 'https://archive.example.net',
    });
    // Answered once the sync service is up and has made the instance's profile.
    const syncProfileAnswered = (what: string) =>
      waitFor(
        what,
        async () =>
          rpc
            .send(Subjects.GetSyncConfiguration, { instanceAlias: 'bench' }, { timeoutMs: 500 })
            .catch(() => undefined),
        60_000,
      );
    await syncProfileAnswered('the sync profile');
    const credential = await rpc.send(
      Subjects.CreateCredential,
      { instanceAlias: 'bench', name: 'Bench', clientId: app.appId, tenantId },
      { timeoutMs: 60_000 },
    );
    const der = await rpc.send(Subjects.DownloadCertificate, { credentialId: credential.id, format: 'der' });
    emulator.store
      .tenant(tenantId)
      ?.applicationByAppId(app.appId)
      ?.keyCredentials?.push({
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        key: der.contentBase64,
        keyId: '0b0b0b0b-0000-4000-8000-000000000001',
        startDateTime: new Date(Date.now() - 60_000).toISOString(),
        endDateTime: new Date(Date.now() + 86_400_000).toISOString(),
      });
    await rpc.send(Subjects.AssignSyncCredential, { instanceAlias: 'bench', credentialId: credential.id });
    // Everyone in scope: the sync handles every user of the tenant.
    await rpc.send(Subjects.UpdateSyncConfiguration, {
      instanceAlias: 'bench',
      userFilter: 'enabled',
      includeGuests: true,
      includeSharedMailboxes: true,
      includeDisabled: true,
    });

    const token = (
      await new ClientSecretCredential(tenantId, app.appId, SECRET, {
        authorityHost: emulator.url,
        disableInstanceDiscovery: true,
      }).getToken('https://graph.microsoft.com/.default')
    ).token;
    // The emulator stands in for Graph, whose answers neither speed up as a client goes on nor slow
    // down after a run has changed users: one read of every page first, unmeasured, and the floor
    // right before the first sync, so both read the same tenant from the same emulator. (Measured
    // after the three syncs, the floor took 0.1-0.3 s longer.)
    for await (const _page of userPages(emulator.url, emulator.caCertPath, token));
    let floor: ChildFigures | undefined;
    let full: Awaited<ReturnType<typeof measureRun>> | undefined;
    let firstPeakRssMb = 0;
    for (let pair = 0; pair < (withBaselines ? PAIRS : 1); pair++) {
      if (pair > 0) {
        // Each pair as the first: an empty instance, and a sync service just started.
        await stop(sync);
        children.splice(children.indexOf(sync), 1);
        await emptyInstance(database.url);
        sync = start('directory-sync', syncEnv);
        children.push(sync);
        await syncProfileAnswered('the sync service');
      }
      let floorSeconds: number | undefined;
      if (withBaselines) {
        const floorDb = await createTestDatabase('ds_floor');
        try {
          await quietPostgres(database.url);
          const measured = await child('--floor', [emulator.url, emulator.caCertPath, floorDb.url], token);
          floor ??= measured;
          floorSeconds = measured.seconds;
        } finally {
          await floorDb.drop();
        }
      }
      await quietPostgres(database.url);
      const first = await measureRun(caller, ns, sync, 'full');
      if (!full) firstPeakRssMb = childPeakRssMb(sync.pid);
      full ??= first;
      if (floorSeconds !== undefined) pairs.push({ firstSync: first.seconds, floor: floorSeconds });
    }
    if (!full) throw new Error('no first sync was measured');
    // The first pair's run's events (the pairs after it published theirs too).
    const events = await countChanges(caller, ns, 'bench-full', full.run.id);
    results.push({
      label: `directory-sync, first full sync (${users.toLocaleString('en')} users)`,
      users: full.run.usersRead,
      seconds: full.seconds,
      cpuSeconds: full.cpuSeconds,
      peakRssMb: firstPeakRssMb,
      detail: `created ${full.run.counts.create}, ${events.events} events carrying ${events.changes} changes (${events.distinct} distinct ids); ${postgresCpu(full)}`,
    });
    await quietPostgres(database.url);
    const marker = await transactionMarker(database.url);
    const repeat = await measureRun(caller, ns, sync, 'full');
    const rows = await rowsWrittenSince(database.url, marker);
    results.push({
      label: '  repeat full sync, nothing changed',
      users: repeat.run.usersRead,
      seconds: repeat.seconds,
      cpuSeconds: repeat.cpuSeconds,
      peakRssMb: childPeakRssMb(sync.pid),
      detail: `created ${repeat.run.counts.create}, updated ${repeat.run.counts.update}, disabled ${repeat.run.counts.disable}; rows inserted or updated in the plan and archive users: ${rows}; ${postgresCpu(repeat)}`,
    });
    const tenant = emulator.store.tenant(tenantId);
    // Spread over the tenant, as a day's renames are: not the first thousand users created, whose
    // archive users a first sync writes into the same few dozen pages.
    const everyone = tenant?.users.all() ?? [];
    const step = Math.max(1, Math.floor(everyone.length / DELTA_CHANGES));
    const changed = everyone.filter((_, index) => index % step === 0).slice(0, DELTA_CHANGES);
    for (const user of changed)
      tenant?.updateUser(user.id, { displayName: `${user.displayName ?? ''} (renamed)` });
    await quietPostgres(database.url);
    const delta = await measureRun(caller, ns, sync, 'delta');
    results.push({
      label: `  delta run, ${DELTA_CHANGES} changes`,
      users: delta.run.usersRead,
      seconds: delta.seconds,
      cpuSeconds: delta.cpuSeconds,
      peakRssMb: childPeakRssMb(sync.pid),
      detail: `kind ${delta.run.kind}, updated ${delta.run.counts.update}, service-side ${delta.run.durationMs} ms; ${postgresCpu(delta)}`,
    });

    if (floor) results.push({ label: 'floor: plain undici pages, COPY-upsert into a bare table', ...floor });
    if (withBaselines) {
      const naiveDb = await createTestDatabase('ds_naive');
      try {
        await quietPostgres(database.url);
        const naive = await child(
          '--naive',
          [emulator.url, emulator.caCertPath, naiveDb.url, String(NAIVE_SAMPLE)],
          token,
        );
        results.push({ label: `naive: Graph page iterator + TypeORM save() per user (sample)`, ...naive });
      } finally {
        await naiveDb.drop();
      }
    }
  } finally {
    await caller?.close();
    await Promise.all(children.map(stop));
    await emulator.close();
    await database.drop();
    await ns.cleanup();
  }
  return results;
}

/**
 * The transaction id before a run. A table's rows written after it carry a younger `xmin`; the
 * statistics counters would not do: a backend sends its counts up to ten seconds after it goes idle,
 * so a short run's writes can show in the next run's figures.
 */
async function transactionMarker(url: string): Promise<string> {
  return withPostgres(url, async (client) => {
    const result = await client.query<{ xid: string }>(
      `SELECT (pg_current_xact_id()::text::bigint % 4294967296)::text AS xid`,
    );
    return result.rows[0]?.xid ?? '0';
  });
}

/** Rows of the plan and the archive users inserted or updated since `marker` (an update is a new row version). */
async function rowsWrittenSince(url: string, marker: string): Promise<number> {
  return withPostgres(url, async (client) => {
    const result = await client.query<{ n: string }>(
      `SELECT (SELECT COUNT(*) FROM sync_plan_items WHERE age(xmin) < age($1::xid))
            + (SELECT COUNT(*) FROM archive_users WHERE age(xmin) < age($1::xid)) AS n`,
      [marker],
    );
    return Number(result.rows[0]?.n ?? 0);
  });
}

/** The instance as before its first sync: no archive user, run or plan, and no delta link. */
async function emptyInstance(url: string): Promise<void> {
  await withPostgres(url, async (client) => {
    await client.query(`TRUNCATE archive_users, sync_plan_items, sync_runs`);
    await client.query(`UPDATE sync_profiles SET delta_link = NULL, delta_link_at = NULL`);
  });
}

/** The NODE_OPTIONS a service's Kubernetes manifest runs it with (none if it sets none). */
function deployedNodeOptions(app: string): string[] {
  const manifest = readFileSync(join(ROOT, `deploy/kubernetes/base/services/${app}.yaml`), 'utf8');
  const value = /- name: NODE_OPTIONS\s+value: '([^']*)'/.exec(manifest)?.[1] ?? '';
  return value.split(' ');
}

/** Stops a service and waits until it has exited. */
async function stop(service: ChildProcess): Promise<void> {
  const exited = new Promise((done) =>
    service.exitCode === null && service.signalCode === null ? service.once('exit', done) : done(null),
  );
  service.kill('SIGTERM');
  await exited;
}

function start(app: string, env: Record<string, string | undefined>): ChildProcess {
  // As deployed: the service's NODE_OPTIONS from its manifest; BENCH_NODE_ARGS adds V8 flags (`--trace-gc`).
  // BENCH_CPU_PROFILE_DIR=<dir>: the sync service (only) writes a V8 CPU profile there when it stops.
  const profileDir = processEnvironment()['BENCH_CPU_PROFILE_DIR'];
  const nodeArgs = [
    ...deployedNodeOptions(app),
    ...(processEnvironment()['BENCH_NODE_ARGS'] ?? '').split(' '),
    ...(profileDir && app === 'directory-sync' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
  ].filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, join(ROOT, `dist/apps/${app}/main.js`)], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/**
 * Times a run from its start request to its run-ended event. Waiting on the event, not polling the
 * run's state, measures the service: a poll every 50 ms would round each run up by as much.
 */
async function measureRun(
  caller: TestRpc,
  ns: { namespace: string },
  sync: ChildProcess,
  kind: 'full' | 'delta',
) {
  const ended = caller.nats.subscribe(eventWireSubject(ns, Events.SyncRunEnded.name));
  try {
    const cpuBefore = processCpuSeconds(sync.pid);
    const postgresBefore = commandCpuSeconds('postgres');
    const started = performance.now();
    const begun = await caller.rpc.send(Subjects.StartSync, {
      instanceAlias: 'bench',
      kind,
      requestedBy: 'bench',
    });
    const timeout = setTimeout(() => ended.unsubscribe(), 600_000);
    let seconds: number | undefined;
    for await (const msg of ended) {
      if (msg.json<{ data: { runId: string } }>().data.runId !== begun.id) continue;
      seconds = (performance.now() - started) / 1000;
      break;
    }
    clearTimeout(timeout);
    if (seconds === undefined) throw new Error(`the ${kind} run did not end within 600 s`);
    const cpuSeconds = processCpuSeconds(sync.pid) - cpuBefore;
    const postgresCpuSeconds = commandCpuSeconds('postgres') - postgresBefore;
    const run: SyncRunView = await caller.rpc.send(Subjects.GetSyncRun, { runId: begun.id });
    if (run.state !== 'succeeded') throw new Error(`the ${kind} run ended ${run.state}: ${run.reason ?? ''}`);
    return { run, seconds, cpuSeconds, postgresCpuSeconds };
  } finally {
    ended.unsubscribe();
  }
}

/** Reads every archive-users event of the namespace once, with a durable consumer of its own; counts a run's. */
async function countChanges(caller: TestRpc, ns: { namespace: string }, durable: string, runId: string) {
  const jsm = await caller.nats.jetstreamManager();
  const stream = eventStreamName(ns);
  await jsm.consumers.add(stream, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: eventWireSubject(ns, Events.ArchiveUsersChanged.name),
  });
  const consumer = await caller.nats.jetstream().consumers.get(stream, durable);
  const ids = new Set<string>();
  let events = 0;
  let changes = 0;
  const distinctUsers = new Set<string>();
  for (;;) {
    const msg = await consumer.next({ expires: 2000 });
    if (!msg) break;
    const envelope = msg.json<{
      id: string;
      data: { runId: string; changes: { archiveUserId: string }[] };
    }>();
    msg.ack();
    if (envelope.data.runId !== runId) continue;
    events++;
    ids.add(envelope.id);
    changes += envelope.data.changes.length;
    for (const change of envelope.data.changes) distinctUsers.add(change.archiveUserId);
  }
  return { events, changes, distinct: ids.size, distinctUsers: distinctUsers.size };
}

async function child(mode: string, args: string[], token: string): Promise<Omit<Measured, 'label'>> {
  const proc = spawn(process.execPath, [...process.execArgv, __filename, mode, ...args], {
    env: { ...processEnvironment(), BENCH_GRAPH_TOKEN: token },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => proc.once('exit', done));
  const line = output.trim().split('\n').at(-1) ?? '';
  if (code !== 0) throw new Error(`${mode} exited ${code}: ${output}`);
  const figures = JSON.parse(line) as ChildFigures;
  return figures;
}

/** PostgreSQL's share of a run: its other half of the work, on the same two cores. */
function postgresCpu(run: { postgresCpuSeconds: number }): string {
  return `PostgreSQL CPU ${run.postgresCpuSeconds.toFixed(2)} s`;
}

function childPeakRssMb(pid: number | undefined): number {
  const status = pid ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
