import { randomUUID } from 'node:crypto';
import type { ServiceBaseConfig } from '@archive365/config';
import { Events, StatusSubjects, Subjects, type ServiceName } from '@archive365/contracts';
import type { RunningEmulator } from '@archive365/entra-emulator';
import { EventPublisher, type RpcCallError } from '@archive365/messaging';
import { connectTestRpc, waitFor, type TestRpc, type TestService } from '@archive365/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { sampleSum, scrape } from './support/prometheus-text';
import { ReplicatedPlatform } from './support/replicated-platform';
import {
  credentialWithUploadedCertificate,
  credentialsEnvFor,
  directoryReaderApp,
  startTokenTenant,
} from './support/token-tenant';

const SERVED = 'archive365_nats_requests_served_total';
const sum = (counts: number[]) => counts.reduce((total, n) => total + n, 0);
const SERVICES: ServiceName[] = [
  'credentials',
  'provisioning',
  'directory-sync',
  'auth-gateway',
  'admin-api',
];

/**
 * Scale-out on one machine: two replicas of every service against one NATS and one PostgreSQL
 * database per service, as Kubernetes runs them. Work is shared between replicas (each replica's own
 * /metrics says how much it answered), and a replica killed in the middle of consuming events loses
 * none and applies none twice. As sync runs and sign-ins land, their sharing belongs here too.
 */
describe('two replicas of every service on one NATS and PostgreSQL', () => {
  const platform = ReplicatedPlatform.create();
  let emulator: RunningEmulator;
  let caller: TestRpc;

  beforeAll(async () => {
    emulator = await startTokenTenant();
    platform.serviceEnv.credentials = { ...platform.serviceEnv.credentials, ...credentialsEnvFor(emulator) };
    platform.serviceEnv['directory-sync'] = {
      GRAPH_BASE_URL: emulator.url,
      GRAPH_CA_FILE: emulator.caCertPath,
    };
    for (const name of SERVICES) await platform.start(name, 2);
    caller = await connectTestRpc(platform.ns.natsUrl, platform.ns.namespace);
  });

  afterAll(async () => {
    await caller?.close();
    await platform.close();
    await emulator?.close();
  });

  const servedBy = async (replicas: TestService<ServiceBaseConfig>[], subject: string) =>
    Promise.all(replicas.map(async (replica) => sampleSum(await scrape(replica.url), SERVED, { subject })));

  it('shares requests to every service between its two replicas', async () => {
    for (const name of SERVICES) {
      const subject = StatusSubjects[name];
      await Promise.all(Array.from({ length: 24 }, () => caller.rpc.send(subject, {})));
      const counts = await servedBy(platform.of(name), subject.name);
      expect({ name, total: sum(counts), bothAnswered: counts.every((n) => n > 0) }).toEqual({
        name,
        total: 24,
        bothAnswered: true,
      });
    }
    // Both admin-api replicas serve the API (behind the Kubernetes Service) and reach the services.
    for (const adminApi of platform.of('admin-api')) {
      const health = await request(adminApi.url).get('/api/health/all').expect(200);
      expect(Object.keys(health.body.services).sort()).toEqual([...SERVICES].sort());
    }
  });

  it('answers token requests from both credentials replicas, each asking Entra ID at most once', async () => {
    const credentialId = await credentialWithUploadedCertificate(caller.rpc, emulator, 'scaled');
    const replies = await Promise.all(
      Array.from({ length: 40 }, () =>
        caller.rpc.send(Subjects.AcquireGraphToken, { credentialId }, { timeoutMs: 30000 }),
      ),
    );
    expect(replies.every((reply) => reply.accessToken.length > 0)).toBe(true);
    const replicas = platform.of('credentials');
    const counts = await servedBy(replicas, Subjects.AcquireGraphToken.name);
    expect(sum(counts)).toBe(40);
    expect(counts.every((n) => n > 0)).toBe(true);
    // Each replica keeps its own cache: one token request per replica at most, never one per caller.
    const entraCalls = await Promise.all(
      replicas.map(async (r) => sampleSum(await scrape(r.url), 'archive365_entra_token_requests_total')),
    );
    expect(entraCalls.every((n) => n <= 1)).toBe(true);
    expect(sum(entraCalls)).toBeGreaterThanOrEqual(1);
  });

  it('runs one sync per instance at a time across the replicas, and runs of different instances side by side', async () => {
    const appId = await directoryReaderApp(emulator);
    for (const alias of ['north', 'south']) {
      await credentialWithUploadedCertificate(caller.rpc, emulator, alias, appId).then((credentialId) =>
        waitFor(`the ${alias} sync profile`, () =>
          caller.rpc
            .send(Subjects.AssignSyncCredential, { instanceAlias: alias, credentialId })
            .catch(() => undefined),
        ),
      );
    }
    // Six starts at once for one instance reach both replicas; one run takes the instance's lease.
    const starts = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        caller.rpc.send(Subjects.StartSync, {
          instanceAlias: 'north',
          kind: 'preview',
          requestedBy: 'scale-out',
        }),
      ),
    );
    const accepted = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const refused = starts.flatMap((s) => (s.status === 'rejected' ? [(s.reason as RpcCallError).body] : []));
    expect(accepted).toHaveLength(1);
    expect(refused.map((body) => [body.code, body.reason])).toEqual(
      refused.map(() => ['CONFLICT', 'RUN_IN_PROGRESS']),
    );
    expect(sum(await servedBy(platform.of('directory-sync'), Subjects.StartSync.name))).toBe(6);
    // Another instance's run goes ahead meanwhile.
    const south = await caller.rpc.send(Subjects.StartSync, {
      instanceAlias: 'south',
      kind: 'preview',
      requestedBy: 'scale-out',
    });
    const settled = await Promise.all(
      [accepted[0]?.id ?? '', south.id].map((runId) =>
        waitFor(
          `run ${runId} to settle`,
          async () => {
            const run = await caller.rpc.send(Subjects.GetSyncRun, { runId });
            return ['reading', 'applying', 'publishing'].includes(run.state) ? undefined : run;
          },
          30_000,
        ),
      ),
    );
    expect(settled.map((run) => [run.instanceAlias, run.state])).toEqual([
      ['north', 'planned'],
      ['south', 'planned'],
    ]);
  });

  it('fails no request while a replica stops gracefully under traffic (a rolling update)', async () => {
    await caller.rpc.send(Subjects.CreateInstance, {
      alias: 'rolling',
      displayName: 'Rolling',
      publicBaseUrl: 'https://archive.example.net',
    });
    const [stopping] = platform.of('credentials');
    if (!stopping) throw new Error('no credentials replica is running');
    const outcomes: PromiseSettledResult<unknown>[] = [];
    let stopped: Promise<void> | undefined;
    for (let round = 0; round < 60; round++) {
      const batch = Array.from({ length: 10 }, () =>
        caller.rpc.send(Subjects.GetInstance, { alias: 'rolling' }),
      );
      // SIGTERM's path: stop taking requests, answer those received, then close the database.
      if (round === 5) stopped = platform.stop(stopping);
      outcomes.push(...(await Promise.allSettled(batch)));
    }
    await stopped;
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
    expect({ requests: outcomes.length, failures }).toEqual({ requests: 600, failures: [] });
    expect(platform.of('credentials')).toHaveLength(1);
  });

  it('loses no event and applies none twice when a consuming replica is killed mid-work', async () => {
    const [victim, survivor] = platform.of('directory-sync') as [
      TestService<ServiceBaseConfig>,
      TestService<ServiceBaseConfig>,
    ];
    const db = survivor.app.get(DataSource);
    const count = async (sql: string) => Number((await db.query(sql))[0].n);
    const before = await count('SELECT COUNT(*) AS n FROM sync_profiles');
    const processedBefore = await count('SELECT COUNT(*) AS n FROM processed_events');

    const [credentials] = platform.of('credentials');
    if (!credentials) throw new Error('no credentials replica is running');
    const publisher = credentials.app.get(EventPublisher);
    const total = 400;
    const aliases = Array.from({ length: total }, (_, i) => `scale-${String(i).padStart(3, '0')}`);
    await Promise.all(
      aliases.map((alias) =>
        publisher.publish(Events.InstanceCreated, {
          id: randomUUID(),
          alias,
          displayName: alias,
          publicBaseUrl: 'https://archive.example.net',
        }),
      ),
    );

    // Kill one consumer once the two are well into the work, with most of it still to do.
    await waitFor('the consumers to start on the events', async () =>
      (await count('SELECT COUNT(*) AS n FROM sync_profiles')) - before >= 20 ? true : undefined,
    );
    await platform.kill(victim);
    const atKill = (await count('SELECT COUNT(*) AS n FROM sync_profiles')) - before;
    expect(atKill).toBeLessThan(total);

    // What the killed replica had received but not acknowledged comes back after JetStream's ack wait (30 s).
    await waitFor(
      `all ${total} profiles`,
      async () =>
        (await count('SELECT COUNT(*) AS n FROM sync_profiles')) - before === total ? true : undefined,
      55_000,
    );
    const rows: { alias: string; n: string }[] = await db.query(
      `SELECT alias, COUNT(*) AS n FROM sync_profiles WHERE alias LIKE 'scale-%' GROUP BY alias ORDER BY alias`,
    );
    expect(rows.map((row) => row.alias)).toEqual(aliases);
    expect(rows.filter((row) => Number(row.n) !== 1)).toEqual([]);
    expect(await count(`SELECT COUNT(*) AS n FROM processed_events`)).toBe(processedBefore + total);
  }, 90_000);
});
