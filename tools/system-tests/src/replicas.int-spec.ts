import { randomBytes } from 'node:crypto';
import { Subjects } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import {
  connectTestRpc,
  createTestDatabase,
  createTestNamespace,
  startTestService,
  type TestDatabase,
  type TestRpc,
  type TestService,
} from '@archive365/testing';
import type { ServiceBaseConfig } from '@archive365/config';
import { Client } from 'pg';
import { credentialsMigrations } from '../../../apps/credentials/src/migrations';
import { credentialsService } from './support/services';

/** The service's own migrations plus the event inbox's. */
const credentialsMigrationCount = credentialsMigrations.length + 1;

/**
 * Production runs several replicas of each service on one PostgreSQL database. They must start
 * together on an empty database (migrations, the master-key canary) and keep invariants when
 * requests for the same credential reach different replicas at the same moment.
 */
describe('two replicas of the credentials service on one database', () => {
  const ns = createTestNamespace();
  let database: TestDatabase;
  let replicas: TestService<ServiceBaseConfig>[] = [];
  let caller: TestRpc;

  beforeAll(async () => {
    database = await createTestDatabase('replicas');
    const env = {
      NATS_URL: ns.natsUrl,
      NATS_NAMESPACE: ns.namespace,
      DATABASE_URL: database.url,
      CREDENTIALS_MASTER_KEYS: `r:${randomBytes(32).toString('base64')}`,
    };
    replicas = await Promise.all([
      startTestService(credentialsService, env),
      startTestService(credentialsService, env),
    ]);
    caller = await connectTestRpc(ns.natsUrl, ns.namespace);
  });

  afterAll(async () => {
    await caller?.close();
    await Promise.all(replicas.map((replica) => replica.stop()));
    await database?.drop();
    await ns.cleanup();
  });

  it('both start on an empty database (migrations run once, one canary)', async () => {
    expect(replicas).toHaveLength(2);
    const instance = await caller.rpc.send(Subjects.CreateInstance, {
      alias: 'replicated',
      displayName: 'R',
      publicBaseUrl: 'https://a.example',
    });
    expect(instance.alias).toBe('replicated');
    // Each migration ran once (the advisory lock serialised the replicas), and one canary was written.
    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      const migrations = await db.query<{ name: string; runs: string }>(
        'SELECT name, COUNT(*) AS runs FROM migrations GROUP BY name',
      );
      expect(migrations.rows.length).toBeGreaterThanOrEqual(credentialsMigrationCount);
      expect(migrations.rows.filter((row) => Number(row.runs) !== 1)).toEqual([]);
      const canaries = await db.query<{ n: string }>('SELECT COUNT(*) AS n FROM key_canaries');
      expect(Number(canaries.rows[0].n)).toBe(1);
    } finally {
      await db.end();
    }
  });

  it('lets only one of four simultaneous rotation starts through', async () => {
    const credential = await caller.rpc.send(Subjects.CreateCredential, {
      instanceAlias: 'replicated',
      name: 'Contended',
      clientId: '0e0e0e0e-1111-4222-8333-444444444444',
      tenantId: 'replicated.onmicrosoft.com',
    });
    const attempts = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        caller.rpc.send(Subjects.StartRotation, { credentialId: credential.id }, { timeoutMs: 30000 }),
      ),
    );
    const refused = attempts
      .filter((attempt) => attempt.status === 'rejected')
      .map((attempt) => (attempt as PromiseRejectedResult).reason as RpcCallError);
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    expect(refused.map((error) => [error.body.code, error.body.reason])).toEqual(
      refused.map(() => ['CONFLICT', 'ROTATION_ALREADY_PENDING']),
    );
    const after = await caller.rpc.send(Subjects.GetCredential, { credentialId: credential.id });
    expect(after.certificates.filter((certificate) => certificate.state === 'pending')).toHaveLength(1);
    expect(after.certificates.filter((certificate) => certificate.state === 'active')).toHaveLength(1);
  });
});
