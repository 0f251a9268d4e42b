/**
 * Sign-in benchmark of the auth gateway (code + PKCE, id_token form_post, the add-in's NAA exchange)
 * against a baseline relying party built the common way (express-openid-connect), in one run. Both run as
 * their own processes pinned to one core (`taskset -c 1`); this process (emulator, load, other services)
 * runs on the other core. The emulator's control API mints what a sign-in page would hand the browser,
 * so no browser is needed. 32 concurrent users. Directory sync is the real service, its archive users
 * made by a real sync run of the bench tenant, so each sign-in's check crosses NATS as in production.
 *
 *   npm run bench -- auth-gateway [sign-ins per scenario] [flows: id_token,code]
 *
 * A completed sign-in is: login (authorization request, state stored), then the callback (response
 * validated, user checked, session cookie set). Minting happens between the two phases and is not
 * counted against either relying party (the emulator would otherwise be what is measured); in code
 * mode the token endpoint is inside the callback and counts.
 */
import 'reflect-metadata';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { processEnvironment } from '@archive365/config';
import { Subjects } from '@archive365/contracts';
import { startEmulator, trustEmulatorCaInProcess, type RunningEmulator } from '@archive365/entra-emulator';
import { connectTestRpc, createTestDatabase, createTestNamespace, waitFor } from '@archive365/testing';
import { Agent, request } from 'undici';
import {
  benchFixture,
  BENCH_APP_ID,
  BENCH_SECRET,
  BENCH_TENANT,
  benchUsers,
  PUBLIC_BASE_URL,
} from './src/auth-gateway-fixture';
import { summarize, type LatencySummary } from './src/latency-stats';
import { processCpuSeconds } from './src/process-cpu';
import { quietPostgres } from './src/quiet-postgres';

const SIGN_INS = Number(process.argv[2] ?? 3000);
/** Which browser flows to measure (`id_token`, `code` or both, comma-separated). */
const FLOWS = (process.argv[3] ?? 'id_token,code').split(',') as ('id_token' | 'code')[];
const CONCURRENCY = 32;
const ALIAS = 'bench';
const GATEWAY_CORE = '1';
const root = resolve(__dirname, '../..');

interface Login {
  authorizeUrl: URL;
  cookie: string;
}

/** A relying party under test: how to start a sign-in and how to deliver the authorization response. */
interface RelyingParty {
  name: string;
  /** Its process, whose CPU time is read before and after a scenario. */
  pid: number | undefined;
  login(): Promise<Login>;
  callback(login: Login, response: Record<string, string>): Promise<void>;
}

async function main(): Promise<void> {
  pinThisProcess('0');
  const emulator = await startEmulator({
    fixture: benchFixture(),
    stateDir: mkdtempSync(join(tmpdir(), 'gateway-bench-')),
  });
  trustEmulatorCaInProcess(emulator.caCertPem);
  const ns = createTestNamespace();
  const database = await createTestDatabase('bench_gateway');
  const syncDatabase = await createTestDatabase('bench_gateway_sync');
  const children: ChildProcess[] = [];
  const caller = await connectTestRpc(ns.natsUrl, ns.namespace);
  const http = new Agent({ connections: CONCURRENCY * 2, keepAliveTimeout: 30_000 });
  try {
    const common = {
      NATS_URL: ns.natsUrl,
      NATS_NAMESPACE: ns.namespace,
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    const authority = { ENTRA_AUTHORITY_HOST: emulator.url, ENTRA_CA_FILE: emulator.caCertPath };
    children.push(
      runApp('credentials', {
        ...common,
        NATS_NKEY_SEED_FILE: ns.server.seedFileOf('credentials'),
        ...authority,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'gateway-bench-credentials-')),
        CREDENTIALS_MASTER_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      }),
    );
    children.push(
      runApp('directory-sync', {
        ...common,
        NATS_NKEY_SEED_FILE: ns.server.seedFileOf('directory-sync'),
        DATABASE_URL: syncDatabase.url,
        GRAPH_BASE_URL: emulator.url,
        GRAPH_CA_FILE: emulator.caCertPath,
      }),
    );
    await waitFor(
      'the credentials service',
      () => caller.rpc.send(Subjects.ListInstances, {}, { timeoutMs: 500 }).catch(() => undefined),
      60_000,
    );
    const credentialId = await setUpInstance(emulator, caller.rpc);
    await synchronizeUsers(emulator, caller.rpc);

    const results: Record<string, Scenario> = {};
    for (const responseType of FLOWS) {
      const gateway = await startGateway({
        ...common,
        NATS_NKEY_SEED_FILE: ns.server.seedFileOf('auth-gateway'),
        ...authority,
        DATABASE_URL: database.url,
        SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000000',
        // One connection per concurrent user: with the default 10, callbacks queue for a connection.
        DATABASE_POOL_SIZE: '32',
      });
      children.push(gateway.child);
      await caller.rpc.send(Subjects.ConfigureSignIn, { instanceAlias: ALIAS, credentialId, responseType });
      const baseline = await startBaseline(emulator, responseType);
      children.push(baseline.child);
      const ours = gatewayParty(gateway.url, http, gateway.child.pid);
      const theirs = baselineParty(baseline.url, http, baseline.child.pid);
      const mint = minter(emulator, http, responseType);
      await runScenario(ours, mint, 100); // warm-up: discovery, keys, client assertion, JIT
      await runScenario(theirs, mint, 100);
      // Each measured scenario starts with PostgreSQL quiet: the clean-up of the sync and of the
      // scenario before (autovacuum) does not land in its time.
      await quietPostgres(database.url);
      results[`auth-gateway, ${responseType}`] = await runScenario(ours, mint, SIGN_INS);
      await quietPostgres(database.url);
      results[`baseline express-openid-connect, ${responseType}`] = await runScenario(theirs, mint, SIGN_INS);
      if (responseType === FLOWS[FLOWS.length - 1]) {
        await naaWarmUp(gateway.url, emulator, http);
        await quietPostgres(database.url);
        results['auth-gateway, NAA exchange'] = await naaScenario(
          gateway.url,
          emulator,
          http,
          SIGN_INS,
          gateway.child.pid,
        );
      }
      await stop(gateway.child);
      await stop(baseline.child);
    }
    report(results);
  } finally {
    await caller.close();
    await Promise.all(children.map(stop));
    await http.close();
    await emulator.close();
    await database.drop();
    await syncDatabase.drop();
    await ns.cleanup();
  }
}

interface Scenario {
  completed: number;
  seconds: number;
  perSecond: number;
  callback: LatencySummary;
  failures: number;
  /** The relying party's CPU time per completed sign-in (login and callback), in ms. */
  cpuMs: number;
}

/** Phase 1 logins (timed), phase 2 minting (not timed), phase 3 callbacks (timed). */
async function runScenario(party: RelyingParty, mint: Minter, count: number): Promise<Scenario> {
  const cpuBefore = processCpuSeconds(party.pid);
  const logins: Login[] = new Array(count);
  const loginTime = await pool(count, async (i) => {
    logins[i] = await party.login();
  });
  const responses: Record<string, string>[] = new Array(count);
  await pool(count, async (i) => {
    responses[i] = await mint(logins[i], benchUsers[i % benchUsers.length].upn);
  });
  const durations: number[] = [];
  let failures = 0;
  const callbackTime = await pool(count, async (i) => {
    const started = performance.now();
    try {
      await party.callback(logins[i], responses[i]);
      durations.push(performance.now() - started);
    } catch (error) {
      failures++;
      if (failures <= 3)
        console.error(`${party.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  const seconds = loginTime + callbackTime;
  return {
    completed: durations.length,
    seconds,
    perSecond: durations.length / seconds,
    callback: summarize(durations),
    failures,
    cpuMs: ((processCpuSeconds(party.pid) - cpuBefore) * 1000) / Math.max(1, durations.length),
  };
}

/** Runs `task(0..count-1)` with CONCURRENCY workers; returns the seconds it took. */
async function pool(count: number, task: (index: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

type Minter = (login: Login, user: string) => Promise<Record<string, string>>;

/** The emulator's control API: the authorization response the sign-in page would have produced. */
function minter(emulator: RunningEmulator, http: Agent, responseType: 'code' | 'id_token'): Minter {
  const path = `${emulator.url}/_emulator/tenants/${BENCH_TENANT}/sign-ins/${responseType === 'code' ? 'code' : 'id-token'}`;
  return async (login, user) => {
    const query = login.authorizeUrl.searchParams;
    const body = {
      clientId: BENCH_APP_ID,
      user,
      redirectUri: query.get('redirect_uri') ?? undefined,
      scope: query.get('scope') ?? undefined,
      nonce: query.get('nonce') ?? undefined,
      state: query.get('state') ?? undefined,
      codeChallenge: query.get('code_challenge') ?? undefined,
      codeChallengeMethod: query.get('code_challenge_method') ?? undefined,
    };
    const answer = await request(path, {
      method: 'POST',
      dispatcher: http,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await answer.body.json()) as Record<string, string>;
    if (answer.statusCode !== 200) throw new Error(`minting: ${answer.statusCode} ${JSON.stringify(json)}`);
    return json;
  };
}

function cookiesOf(headers: Record<string, string | string[] | undefined>): string {
  const setCookie = headers['set-cookie'];
  const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return lines.map((line) => line.split(';')[0]).join('; ');
}

async function startLogin(url: string, http: Agent): Promise<Login> {
  const answer = await request(url, { dispatcher: http });
  await answer.body.dump();
  const location = answer.headers['location'];
  if (answer.statusCode !== 302 && answer.statusCode !== 303)
    throw new Error(`login answered ${answer.statusCode}`);
  return { authorizeUrl: new URL(String(location)), cookie: cookiesOf(answer.headers) };
}

async function deliver(
  url: string,
  login: Login,
  response: Record<string, string>,
  http: Agent,
  asForm: boolean,
  sessionCookie: RegExp,
): Promise<void> {
  const answer = asForm
    ? await request(url, {
        method: 'POST',
        dispatcher: http,
        headers: { cookie: login.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(response).toString(),
      })
    : await request(`${url}?${new URLSearchParams(response)}`, {
        dispatcher: http,
        headers: { cookie: login.cookie },
      });
  const text = await answer.body.text();
  if (answer.statusCode !== 302 && answer.statusCode !== 303)
    throw new Error(`callback answered ${answer.statusCode}: ${text.slice(0, 300)}`);
  if (!sessionCookie.test(cookiesOf(answer.headers))) throw new Error('callback set no session cookie');
}

function gatewayParty(base: string, http: Agent, pid: number | undefined): RelyingParty {
  return {
    name: 'auth-gateway',
    pid,
    login: () => startLogin(`${base}/${ALIAS}/oidc/login`, http),
    callback: (login, response) =>
      deliver(
        `${base}/${ALIAS}/oidc/signin`,
        login,
        response,
        http,
        'id_token' in response,
        /__Host-a365-session-/,
      ),
  };
}

function baselineParty(base: string, http: Agent, pid: number | undefined): RelyingParty {
  return {
    name: 'baseline',
    pid,
    login: () => startLogin(`${base}/login`, http),
    callback: (login, response) =>
      deliver(`${base}/callback`, login, response, http, 'id_token' in response, /appSession=/),
  };
}

/** NAA: access tokens for our API minted once per user, then exchanged for archive sessions. */
async function naaTokens(emulator: RunningEmulator, http: Agent): Promise<string[]> {
  return Promise.all(
    benchUsers.map(async (user) => {
      const answer = await request(
        `${emulator.url}/_emulator/tenants/${BENCH_TENANT}/sign-ins/access-token`,
        {
          method: 'POST',
          dispatcher: http,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            clientId: BENCH_APP_ID,
            user: user.upn,
            scope: `api://${BENCH_APP_ID}/access_as_user`,
          }),
        },
      );
      const json = (await answer.body.json()) as { access_token?: string };
      if (!json.access_token) throw new Error(`minting an access token: ${JSON.stringify(json)}`);
      return json.access_token;
    }),
  );
}

async function exchange(base: string, token: string, http: Agent): Promise<void> {
  const answer = await request(`${base}/${ALIAS}/addin/naa/exchange`, {
    method: 'POST',
    dispatcher: http,
    headers: { authorization: `Bearer ${token}` },
  });
  const json = (await answer.body.json()) as { archiveToken?: string };
  if (answer.statusCode !== 200 || !json.archiveToken)
    throw new Error(`exchange answered ${answer.statusCode}: ${JSON.stringify(json)}`);
}

async function naaWarmUp(base: string, emulator: RunningEmulator, http: Agent): Promise<void> {
  const tokens = await naaTokens(emulator, http);
  await pool(100, (i) => exchange(base, tokens[i % tokens.length], http));
}

async function naaScenario(
  base: string,
  emulator: RunningEmulator,
  http: Agent,
  count: number,
  pid: number | undefined,
): Promise<Scenario> {
  const tokens = await naaTokens(emulator, http);
  const cpuBefore = processCpuSeconds(pid);
  const durations: number[] = [];
  let failures = 0;
  const seconds = await pool(count, async (i) => {
    const started = performance.now();
    try {
      await exchange(base, tokens[i % tokens.length], http);
      durations.push(performance.now() - started);
    } catch (error) {
      failures++;
      if (failures <= 3) console.error(`NAA: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return {
    completed: durations.length,
    seconds,
    perSecond: durations.length / seconds,
    callback: summarize(durations),
    failures,
    cpuMs: ((processCpuSeconds(pid) - cpuBefore) * 1000) / Math.max(1, durations.length),
  };
}

/** The instance, its credential (certificate registered on the app) and sign-in settings. */
async function setUpInstance(
  emulator: RunningEmulator,
  rpc: Awaited<ReturnType<typeof connectTestRpc>>['rpc'],
): Promise<string> {
  await rpc.send(Subjects.CreateInstance, {
    alias: ALIAS,
    displayName: 'Bench',
    publicBaseUrl: PUBLIC_BASE_URL,
  });
  return createRegisteredCredential(emulator, rpc, 'Bench', BENCH_APP_ID);
}

/** A credential of the bench instance for an app, its certificate registered on that app. */
async function createRegisteredCredential(
  emulator: RunningEmulator,
  rpc: Awaited<ReturnType<typeof connectTestRpc>>['rpc'],
  name: string,
  clientId: string,
): Promise<string> {
  const credential = await rpc.send(
    Subjects.CreateCredential,
    { instanceAlias: ALIAS, name, clientId, tenantId: BENCH_TENANT },
    { timeoutMs: 60_000 },
  );
  const der = await rpc.send(Subjects.DownloadCertificate, { credentialId: credential.id, format: 'der' });
  emulator.store
    .tenant(BENCH_TENANT)
    ?.applicationByAppId(clientId)
    ?.keyCredentials?.push({
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
      key: der.contentBase64,
      keyId: randomUUID(),
      startDateTime: new Date(Date.now() - 60_000).toISOString(),
      endDateTime: new Date(Date.now() + 86_400_000).toISOString(),
    });
  return credential.id;
}

/**
 * The bench users become archive users the way they do in production: a second app registration with
 * Graph's Directory.Read.All (directory sync's), its certificate credential, and one full sync run.
 */
async function synchronizeUsers(
  emulator: RunningEmulator,
  rpc: Awaited<ReturnType<typeof connectTestRpc>>['rpc'],
): Promise<void> {
  const created = await fetch(`${emulator.url}/_emulator/tenants/${BENCH_TENANT}/apps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      displayName: 'Bench directory sync',
      clientSecret: BENCH_SECRET,
      graphRoles: ['Directory.Read.All'],
    }),
  });
  if (!created.ok) throw new Error(`creating the sync app: ${created.status} ${await created.text()}`);
  const { appId } = (await created.json()) as { appId: string };
  const credentialId = await createRegisteredCredential(emulator, rpc, 'Bench sync', appId);
  await waitFor(
    'the sync profile',
    () =>
      rpc
        .send(Subjects.GetSyncConfiguration, { instanceAlias: ALIAS }, { timeoutMs: 500 })
        .catch(() => undefined),
    60_000,
  );
  await rpc.send(Subjects.AssignSyncCredential, { instanceAlias: ALIAS, credentialId });
  await rpc.send(Subjects.UpdateSyncConfiguration, { instanceAlias: ALIAS, userFilter: 'enabled' });
  const begun = await rpc.send(Subjects.StartSync, {
    instanceAlias: ALIAS,
    kind: 'full',
    requestedBy: 'bench',
  });
  const run = await waitFor(
    'the sync run',
    async () => {
      const current = await rpc.send(Subjects.GetSyncRun, { runId: begun.id });
      return ['reading', 'applying', 'publishing'].includes(current.state) ? undefined : current;
    },
    120_000,
  );
  if (run.state !== 'succeeded' || run.counts.create !== benchUsers.length) {
    throw new Error(`the sync run ended ${run.state} with ${run.counts.create} archive users created`);
  }
}

function runApp(name: string, env: Record<string, string>, core?: string): ChildProcess {
  const main = join(root, 'dist/apps', name, 'main.js');
  const command = core ? 'taskset' : process.execPath;
  // BENCH_CPU_PROFILE_DIR=<dir>: the gateway writes a V8 CPU profile there when it stops.
  const profileDir = processEnvironment()['BENCH_CPU_PROFILE_DIR'];
  const node = [
    process.execPath,
    ...(profileDir && name === 'auth-gateway' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    main,
  ];
  const args = core ? ['-c', core, ...node] : node.slice(1);
  return spawn(command, args, {
    env: { PATH: processEnvironment()['PATH'], ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function startGateway(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = runApp('auth-gateway', { ...env, HTTP_PORT: String(port) }, GATEWAY_CORE);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    'the auth gateway',
    async () => {
      if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode}`);
      return fetch(`${url}/health/ready`)
        .then((answer) => (answer.ok ? true : undefined))
        .catch(() => undefined);
    },
    60_000,
  );
  return { child, url };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

async function startBaseline(emulator: RunningEmulator, responseType: 'code' | 'id_token') {
  const child = spawn(
    'taskset',
    ['-c', GATEWAY_CORE, process.execPath, join(__dirname, 'src/express-oidc-baseline.mjs')],
    {
      env: {
        PATH: processEnvironment()['PATH'],
        NODE_ENV: 'production',
        NODE_EXTRA_CA_CERTS: emulator.caCertPath,
        AUTHORITY: emulator.url,
        TENANT: BENCH_TENANT,
        CLIENT_ID: BENCH_APP_ID,
        CLIENT_SECRET: BENCH_SECRET,
        RESPONSE_TYPE: responseType,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<string>((resolvePort, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const ready = /listening (\d+)/.exec(chunk.toString());
      if (ready) resolvePort(ready[1]);
    });
    child.once('exit', (code) => reject(new Error(`the baseline exited with ${code}`)));
  });
  // Registered like any redirect URI (Entra allows http only for localhost).
  emulator.store
    .tenant(BENCH_TENANT)
    ?.applicationByAppId(BENCH_APP_ID)
    ?.web?.redirectUris?.push(`http://localhost:${port}/callback`);
  return { child, url: `http://localhost:${port}` };
}

function pinThisProcess(core: string): void {
  spawnSync('taskset', ['-p', '-c', core, String(process.pid)], { stdio: 'ignore' });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((done) => child.once('exit', done));
}

function report(results: Record<string, Scenario>): void {
  console.log(
    `\nSign-ins, ${CONCURRENCY} concurrent users, each relying party pinned to one core (Node ${process.version})`,
  );
  console.log(
    `${'relying party, flow'.padEnd(44)} ${'sign-ins'.padStart(8)} ${'per s'.padStart(8)}  callback p50   p99    failures  CPU ms/sign-in`,
  );
  for (const [name, result] of Object.entries(results)) {
    console.log(
      `${name.padEnd(44)} ${String(result.completed).padStart(8)} ${result.perSecond.toFixed(0).padStart(8)}  ${result.callback.p50.toFixed(2).padStart(9)} ms ${result.callback.p99.toFixed(2).padStart(6)} ms ${String(result.failures).padStart(6)}  ${result.cpuMs.toFixed(2).padStart(8)}`,
    );
  }
  const ratio = (flow: string) =>
    results[`auth-gateway, ${flow}`].perSecond /
    results[`baseline express-openid-connect, ${flow}`].perSecond;
  const cpuRatio = (flow: string) =>
    results[`baseline express-openid-connect, ${flow}`].cpuMs / results[`auth-gateway, ${flow}`].cpuMs;
  console.log(
    `\nauth-gateway / baseline: ${FLOWS.map((flow) => `${flow} ${ratio(flow).toFixed(2)}x`).join(', ')}`,
  );
  console.log(
    `sign-ins per CPU second, auth-gateway / baseline (independent of other load on the machine): ${FLOWS.map((flow) => `${flow} ${cpuRatio(flow).toFixed(2)}x`).join(', ')}`,
  );
  const failed = Object.values(results).some((result) => result.failures > 0);
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
