/**
 * App-token benchmark of the credentials service: how fast other services get a Graph token over
 * NATS (cached, single-flight), against the baseline of asking Entra for a new token every time with a
 * fresh `ClientCertificateCredential`, in the same process. The service is the built app
 * (`dist/apps/credentials/main.js`, build it first) on embedded SQLite; the authority is the emulator.
 *
 *   npx tsx --tsconfig tools/bench/tsconfig.json tools/bench/credentials-tokens.bench.ts [requests]
 *
 * Exits non-zero if the service made more than one token request for the whole cached run.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ClientCertificateCredential } from '@azure/identity';
import { processEnvironment } from '@archive365/config';
import { Subjects, type CredentialView } from '@archive365/contracts';
import { emulatorDispatcher, startEmulator, trustEmulatorCaInProcess } from '@archive365/entra-emulator';
import { connectTestRpc, createTestNamespace, waitFor } from '@archive365/testing';
import { summarize, type LatencySummary } from './src/latency-stats';
import { peakRssMb } from './src/peak-rss';
import { selfSignedCertificate } from './src/self-signed-certificate';

const REQUESTS = Number(process.argv[2] ?? 20_000);
const CONCURRENCY = 32;
const BASELINE_REQUESTS = 200;
const BASELINE_CONCURRENCY = 8;
const TENANT_ID = 'c0ffee00-0000-4000-8000-00000000be0c';
const GRAPH = 'https://graph.microsoft.com/.default';

async function main(): Promise<void> {
  const main = resolve(__dirname, '../../dist/apps/credentials/main.js');
  const emulator = await startEmulator({ stateDir: mkdtempSync(join(tmpdir(), 'tokens-bench-')) });
  trustEmulatorCaInProcess(emulator.caCertPem);
  const ns = createTestNamespace();
  const dataDir = mkdtempSync(join(tmpdir(), 'tokens-bench-db-'));
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: processEnvironment()['PATH'],
      NATS_URL: ns.natsUrl,
      NATS_NAMESPACE: ns.namespace,
      DATA_DIR: dataDir,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      CREDENTIALS_MASTER_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      ENTRA_AUTHORITY_HOST: emulator.url,
      ENTRA_CA_FILE: emulator.caCertPath,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const caller = await connectTestRpc(ns.natsUrl, ns.namespace);
  try {
    await waitFor(
      'the credentials service',
      async () => caller.rpc.send(Subjects.ListInstances, {}, { timeoutMs: 500 }).catch(() => undefined),
      30_000,
    );
    const credential = await setUpCredential(emulator, caller.rpc);

    const requestsBefore = emulator.requests.token;
    const first = await caller.rpc.send(Subjects.AcquireGraphToken, { credentialId: credential.id });
    // Every token the emulator issues has its own id (`uti`): distinct ids are distinct token requests.
    const cachedIds = new Set<string>([tokenId(first.accessToken)]);
    const cached = await timed(REQUESTS, CONCURRENCY, async () => {
      const token = await caller.rpc.send(Subjects.AcquireGraphToken, {
        credentialId: credential.id,
      });
      cachedIds.add(tokenId(token.accessToken));
    });

    const serviceRequests = emulator.requests.token - requestsBefore;
    const baselineIds = new Set<string>();
    const baselineRequestsBefore = emulator.requests.token;
    const baseline = await timed(BASELINE_REQUESTS, BASELINE_CONCURRENCY, async () => {
      const token = await new ClientCertificateCredential(
        TENANT_ID,
        credential.clientId,
        { certificate: benchKeyPem + benchCertPem },
        {
          authorityHost: emulator.url,
          disableInstanceDiscovery: true,
        },
      ).getToken(GRAPH);
      baselineIds.add(tokenId(token.token));
    });
    const baselineRequests = emulator.requests.token - baselineRequestsBefore;

    console.log(
      `\nApp tokens over NATS from the credentials service (Node ${process.version}, ${CONCURRENCY} callers)`,
    );
    print('service, cached (single flight)', cached);
    print(`baseline: new token each time (${BASELINE_CONCURRENCY} callers)`, baseline);
    console.log(
      `token requests the service sent to Entra for ${REQUESTS + 1} callers: ${serviceRequests} (${cachedIds.size} distinct token)`,
    );
    console.log(
      `baseline: ${baselineRequests} token requests, ${baselineIds.size} distinct tokens for ${BASELINE_REQUESTS} callers`,
    );
    console.log(
      `peak RSS: bench process ${peakRssMb().toFixed(0)} MB, credentials service ${childPeakRssMb(child.pid).toFixed(0)} MB`,
    );
    if (serviceRequests !== 1 || cachedIds.size !== 1) {
      console.error(
        `FAIL: expected exactly one token request from the service, saw ${serviceRequests} (${cachedIds.size} distinct tokens)`,
      );
      process.exitCode = 1;
    }
    // The baseline is only a baseline if each of its requests really reached the token endpoint.
    if (baselineIds.size !== BASELINE_REQUESTS || baselineRequests !== BASELINE_REQUESTS) {
      console.error(
        `FAIL: the baseline should make ${BASELINE_REQUESTS} token requests with as many distinct tokens; saw ${baselineRequests} requests, ${baselineIds.size} tokens`,
      );
      process.exitCode = 1;
    }
  } finally {
    await caller.close();
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    await emulator.close();
    await ns.cleanup();
  }
}

let benchKeyPem = '';
let benchCertPem = '';

/** A credential whose certificate is registered on a consented app registration of the tenant. */
async function setUpCredential(
  emulator: Awaited<ReturnType<typeof startEmulator>>,
  rpc: Awaited<ReturnType<typeof connectTestRpc>>['rpc'],
): Promise<CredentialView> {
  const control = async (path: string, body: unknown) => {
    const response = await fetch(`${emulator.url}/_emulator${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      dispatcher: emulatorDispatcher(emulator.caCertPem),
    } as unknown as RequestInit);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json() as Promise<{ appId: string }>;
  };
  await control('/tenants', { generate: { users: 10, seed: 1, tenantId: TENANT_ID } });
  const app = await control(`/tenants/${TENANT_ID}/apps`, {
    displayName: 'Bench archive',
    clientSecret: randomBytes(16).toString('hex'),
    graphRoles: ['Directory.Read.All'],
  });
  await rpc.send(Subjects.CreateInstance, {
    alias: 'bench',
    displayName: 'Bench',
    publicBaseUrl: 'https://archive.example.net',
  });
  // The baseline signs with a key of its own, registered on the same app.
  const own = selfSignedCertificate('Baseline');
  benchKeyPem = own.keyPem;
  benchCertPem = own.certPem;
  const credential = await rpc.send(Subjects.CreateCredential, {
    instanceAlias: 'bench',
    name: 'Bench',
    clientId: app.appId,
    tenantId: TENANT_ID,
  });
  const der = await rpc.send(Subjects.DownloadCertificate, { credentialId: credential.id, format: 'der' });
  const registration = emulator.store.tenant(TENANT_ID)?.applicationByAppId(app.appId);
  const validity = {
    startDateTime: new Date(Date.now() - 60_000).toISOString(),
    endDateTime: new Date(Date.now() + 86_400_000).toISOString(),
  };
  registration?.keyCredentials?.push(
    {
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
      key: der.contentBase64,
      keyId: '0b0b0b0b-0000-4000-8000-000000000001',
      ...validity,
    },
    {
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
      key: own.der.toString('base64'),
      keyId: '0b0b0b0b-0000-4000-8000-000000000002',
      ...validity,
    },
  );
  return credential;
}

interface Timed {
  seconds: number;
  perSecond: number;
  latency: LatencySummary;
}

async function timed(total: number, concurrency: number, once: () => Promise<void>): Promise<Timed> {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const begun = performance.now();
        await once();
        durations.push(performance.now() - begun);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { seconds, perSecond: total / seconds, latency: summarize(durations) };
}

function print(label: string, result: Timed): void {
  const { latency } = result;
  console.log(
    `${label.padEnd(48)} ${String(latency.count).padStart(6)} requests  ${result.seconds.toFixed(2).padStart(6)} s  ${result.perSecond.toFixed(0).padStart(7)}/s  p50 ${latency.p50.toFixed(2)} ms  p99 ${latency.p99.toFixed(2)} ms`,
  );
}

/** The token's unique id (`uti`), read from its payload (not verified: only counted). */
function tokenId(accessToken: string): string {
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    uti?: string;
  };
  if (!claims.uti) throw new Error('an access token without a uti claim');
  return claims.uti;
}

function childPeakRssMb(pid: number | undefined): number {
  const status = pid ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
