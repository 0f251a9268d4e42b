import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '@archive365/entra-emulator';
import { Subjects } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import { connectTestRpc, type TestRpc } from '@archive365/testing';
import { customerTenantFixture } from './provisioning/customer-tenant';
import { ReplicatedPlatform } from './support/replicated-platform';

/** One setup per instance at a time, whichever replica of the provisioning service each request reaches. */
describe('provisioning: one setup per instance across replicas', () => {
  let platform: ReplicatedPlatform;
  let emulator: RunningEmulator;
  let caller: TestRpc;

  beforeAll(async () => {
    emulator = await startEmulator({
      stateDir: mkdtempSync(join(tmpdir(), 'provisioning-replicas-')),
      fixture: customerTenantFixture(),
    });
    platform = ReplicatedPlatform.create();
    const entra = { ENTRA_AUTHORITY_HOST: emulator.url, ENTRA_CA_FILE: emulator.caCertPath };
    platform.serviceEnv.credentials = { ...platform.serviceEnv.credentials, ...entra };
    platform.serviceEnv.provisioning = { ...entra, GRAPH_BASE_URL: emulator.url, LEASE_TTL_MS: '3000' };
    await platform.start('credentials', 1);
    await platform.start('provisioning', 2);
    caller = await connectTestRpc(platform.ns.natsUrl, platform.ns.namespace);
    await caller.rpc.send(Subjects.CreateInstance, {
      alias: 'adatum',
      displayName: 'Adatum',
      publicBaseUrl: 'https://archive.example.net',
    });
  });

  afterAll(async () => {
    await caller?.close();
    await platform?.close();
    await emulator?.close();
  });

  it('of four concurrent starts on two replicas, exactly one runs; the others are told it is running', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 4 }, () =>
        caller.rpc
          .send(Subjects.StartAutomaticSetup, { instanceAlias: 'adatum' }, { timeoutMs: 30_000 })
          .then((view) => ({ ok: true as const, view }))
          .catch((error: unknown) => ({ ok: false as const, error: error as RpcCallError })),
      ),
    );
    const started = attempts.filter((attempt) => attempt.ok);
    const refused = attempts.filter((attempt) => !attempt.ok);
    expect(started).toHaveLength(1);
    expect(refused.map((attempt) => (attempt.ok ? '' : attempt.error.body.reason))).toEqual(
      Array.from({ length: 3 }, () => 'ALREADY_RUNNING'),
    );
    const [winner] = started;
    const seen = await caller.rpc.send(Subjects.GetSetup, { instanceAlias: 'adatum' });
    expect(seen.id).toBe(winner?.ok ? winner.view.id : '');
    expect(seen.state).toBe('waiting-for-sign-in');
  });
});
