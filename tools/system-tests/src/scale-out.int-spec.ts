import { randomUUID } from 'node:crypto';
import type { ServiceBaseConfig } from '@archive365/config';
import { Events, StatusSubjects, Subjects, type ServiceName } from '@archive365/contracts';
import type { RunningEmulator } from '@archive365/entra-emulator';
import { EventPublisher, type RpcCallError } from '@archive365/messaging';
import { connectTestRpc, waitFor, type TestRpc, type TestService } from '@archive365/testing';
import * as jose from 'jose';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CookieClient } from './support/cookie-client';
import { HttpsFront } from './support/https-front';
import { sampleSum, scrape } from './support/prometheus-text';
import { requestAt, signInAcross, signInInstance, signingKid } from './support/replica-sign-in';
import { ReplicatedPlatform } from './support/replicated-platform';
import {
  credentialWithUploadedCertificate,
  credentialsEnvFor,
  directoryReaderApp,
  startTokenTenant,
  type TenantUser,
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
 * none and applies none twice. Sync runs and sign-ins are shared too: a sign-in may start on one
 * gateway replica and finish on the other, and either verifies the sessions the other signed.
 */
describe('two replicas of every service on one NATS and PostgreSQL', () => {
  const platform = ReplicatedPlatform.create();
  let emulator: RunningEmulator;
  let caller: TestRpc;
  let front: HttpsFront;
  const clients: CookieClient[] = [];

  beforeAll(async () => {
    emulator = await startTokenTenant();
    front = await HttpsFront.start();
    platform.serviceEnv.credentials = { ...platform.serviceEnv.credentials, ...credentialsEnvFor(emulator) };
    platform.serviceEnv['directory-sync'] = {
      GRAPH_BASE_URL: emulator.url,
      GRAPH_CA_FILE: emulator.caCertPath,
    };
    platform.serviceEnv['auth-gateway'] = {
      ...credentialsEnvFor(emulator),
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000',
    };
    for (const name of SERVICES) await platform.start(name, 2);
    caller = await connectTestRpc(platform.ns.natsUrl, platform.ns.namespace);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await caller?.close();
    await platform.close();
    await front?.close();
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

  it('signs users in on both gateway replicas, with state and session keys shared between them', async () => {
    const [a, b] = platform.of('auth-gateway') as [
      TestService<ServiceBaseConfig>,
      TestService<ServiceBaseConfig>,
    ];
    const { base, users } = await signInInstance(caller.rpc, emulator, front, 'signin-scale', [
      'ada',
      'ben',
      'cyd',
      'dot',
    ]);
    // Two sign-ins stay on one replica; two start on one and come back to the other, which must find
    // the state, nonce and PKCE verifier the first one stored.
    const routes = [
      { loginAt: a, callbackAt: a },
      { loginAt: b, callbackAt: b },
      { loginAt: a, callbackAt: b },
      { loginAt: b, callbackAt: a },
    ];
    const signIns: (Awaited<ReturnType<typeof signInAcross>> & {
      client: CookieClient;
      user: TenantUser;
      route: (typeof routes)[number];
    })[] = [];
    for (const [i, route] of routes.entries()) {
      const client = new CookieClient([front.certPem, emulator.caCertPem]);
      clients.push(client);
      const user = users[i] ?? users[0];
      const { callback, callbackUrl } = await signInAcross(front, client, base, user, route);
      signIns.push({ client, user, route, callback, callbackUrl });
    }
    expect(signIns.map(({ callback }) => [callback.status, callback.location])).toEqual(
      routes.map(() => [303, '/signin-scale/oidc/me']),
    );
    const session = (client: CookieClient) => client.cookies.get('__Host-a365-session-signin-scale') ?? '';

    // Each replica signs with its own key: the session's kid says which replica completed the sign-in.
    const kidOf = (replica: TestService<ServiceBaseConfig>) => [
      ...new Set(
        signIns.filter((s) => s.route.callbackAt === replica).map((s) => signingKid(session(s.client))),
      ),
    ];
    const kids = new Map([
      [a, kidOf(a)],
      [b, kidOf(b)],
    ]);
    expect([kids.get(a)?.length, kids.get(b)?.length]).toEqual([1, 1]);
    expect(kids.get(a)?.[0]).not.toBe(kids.get(b)?.[0]);
    // Both replicas completed two sign-ins, as their own metrics say.
    const completed = await Promise.all(
      [a, b].map(async (replica) =>
        sampleSum(await scrape(replica.url), 'archive365_http_requests_total', {
          method: 'GET',
          route: '/:alias/oidc/signin',
          status: '303',
        }),
      ),
    );
    expect(completed).toEqual([2, 2]);

    for (const { client, user, route } of signIns) {
      const other = route.callbackAt === a ? b : a;
      // The replica that did not sign the session cookie verifies it (the other's public key is shared).
      const me = await requestAt(front, other, client, `${base}/oidc/me`);
      expect({ upn: user.upn, status: me.status }).toEqual({ upn: user.upn, status: 200 });
      expect(me.text).toContain(user.displayName);
      // An archive token from one replica verifies against the JWKS the other one publishes.
      const issued = await requestAt(front, other, client, `${base}/oidc/session`);
      const { archiveToken } = JSON.parse(issued.text) as { archiveToken: string };
      const jwks = await requestAt(front, route.callbackAt, client, `${front.url}/.well-known/jwks.json`);
      const verified = await jose.jwtVerify(
        archiveToken,
        jose.createLocalJWKSet(JSON.parse(jwks.text) as jose.JSONWebKeySet),
        { issuer: base, audience: 'archive365' },
      );
      expect(verified.payload['preferred_username']).toBe(user.upn);
      expect(verified.protectedHeader.kid).toBe(kids.get(other)?.[0]);
    }

    // State is single use across replicas: the callback that completed on B is refused on A.
    const crossed = signIns[2];
    const replay = await requestAt(front, a, crossed.client, crossed.callbackUrl);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('This sign-in has expired');
    // Logging out on one replica ends the session on the other, even for a copy of the cookie.
    const first = signIns[0];
    const copied = session(first.client);
    const logout = await requestAt(front, b, first.client, `${base}/oidc/logout`, {
      method: 'POST',
      headers: { origin: front.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(logout.status).toBe(303);
    expect(session(first.client)).toBe('');
    first.client.cookies.set('__Host-a365-session-signin-scale', copied);
    expect((await requestAt(front, a, first.client, `${base}/oidc/me`)).status).toBe(401);
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
