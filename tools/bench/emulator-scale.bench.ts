/**
 * Emulator scale benchmark: generate and load a 100,000-user tenant, then list every user over HTTPS
 * through the unmodified Microsoft Graph client with $top=999, against baselines in the same process
 * (default page size 100 through the client, and $top=999 with plain fetch).
 *
 *   npx tsx --tsconfig tools/bench/tsconfig.json tools/bench/emulator-scale.bench.ts [users]
 *
 * Exits non-zero when loading takes 10 s or more, or the $top=999 listing 5 s or more.
 */
import { ClientSecretCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { emulatorDispatcher, startEmulator, trustEmulatorCaInProcess } from '@archive365/entra-emulator';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentRssMb, peakRssMb } from './src/peak-rss';
import { type ListingResult, listWithClient, listWithFetch } from './src/timed-listing';

const USERS = Number(process.argv[2] ?? 100_000);
const TENANT_ID = 'b3e7c0de-0000-4000-8000-00000000be0c';
const CLIENT_SECRET = 'bench-client-secret-0123456789';
const LOAD_LIMIT_MS = 10_000;
const LISTING_LIMIT_MS = 5_000;

async function main(): Promise<void> {
  const emulator = await startEmulator({ stateDir: mkdtempSync(join(tmpdir(), 'entra-emulator-bench-')) });
  trustEmulatorCaInProcess(emulator.caCertPem);
  const dispatcher = emulatorDispatcher(emulator.caCertPem);
  // Node's bundled undici and the undici package declare the same Dispatcher with different type files.
  const trustedFetch: typeof fetch = (input, init) =>
    fetch(input, { ...init, dispatcher } as unknown as RequestInit);
  const control = async (path: string, body: unknown): Promise<unknown> => {
    const response = await trustedFetch(`${emulator.url}/_emulator${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  };

  try {
    const loadStarted = performance.now();
    await control('/tenants', { generate: { users: USERS, seed: 2026, tenantId: TENANT_ID } });
    const loadMs = performance.now() - loadStarted;
    const rssAfterLoad = currentRssMb();

    const app = (await control(`/tenants/${TENANT_ID}/apps`, {
      displayName: 'Benchmark client',
      clientSecret: CLIENT_SECRET,
      graphRoles: ['Directory.Read.All'],
    })) as { appId: string };
    const credential = new ClientSecretCredential(TENANT_ID, app.appId, CLIENT_SECRET, {
      authorityHost: emulator.url,
      disableInstanceDiscovery: true,
    });
    const graph = Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(credential, {
        scopes: ['https://graph.microsoft.com/.default'],
      }),
      baseUrl: `${emulator.url}/`,
      customHosts: new Set(['localhost']),
      fetchOptions: { dispatcher } as unknown as RequestInit,
    });
    // Warm up: token request, TLS session, JIT; not measured.
    await graph.api('/users').top(999).get();
    const token = (await credential.getToken('https://graph.microsoft.com/.default')).token;

    const results: ListingResult[] = [];
    results.push(await listWithClient('Graph client, $top=999', graph, '/users?$top=999'));
    results.push(await listWithClient('Graph client, default page (100)', graph, '/users'));
    results.push(
      await listWithFetch(
        'plain fetch, $top=999',
        trustedFetch,
        `${emulator.url}/v1.0/users?$top=999`,
        token,
      ),
    );
    results.push(await listWithClient('Graph client, users/delta (200/page)', graph, '/users/delta'));

    const main = results[0];
    console.log(
      `\nEmulator scale benchmark (${USERS.toLocaleString('en')} users, Node ${process.version}, ${new Date().toISOString()})`,
    );
    console.log(
      `generate + load tenant: ${(loadMs / 1000).toFixed(2)} s (limit ${LOAD_LIMIT_MS / 1000} s), RSS after load ${rssAfterLoad.toFixed(0)} MB`,
    );
    console.table(
      results.map((result) => ({
        listing: result.label,
        users: result.users,
        pages: result.pages,
        'total s': (result.totalMs / 1000).toFixed(2),
        'users/s': result.usersPerSecond,
        'p50 page ms': result.pageLatency.p50.toFixed(1),
        'p99 page ms': result.pageLatency.p99.toFixed(1),
      })),
    );
    console.log(`peak RSS: ${peakRssMb().toFixed(0)} MB`);

    const failures: string[] = [];
    if (loadMs >= LOAD_LIMIT_MS)
      failures.push(`loading took ${(loadMs / 1000).toFixed(2)} s (limit ${LOAD_LIMIT_MS / 1000} s)`);
    if (main.totalMs >= LISTING_LIMIT_MS)
      failures.push(
        `listing with $top=999 took ${(main.totalMs / 1000).toFixed(2)} s (limit ${LISTING_LIMIT_MS / 1000} s)`,
      );
    if (results.some((result) => result.users !== USERS))
      failures.push('a listing did not return every user exactly once');
    if (failures.length > 0) {
      console.error(`FAILED: ${failures.join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
