import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subjects } from '@archive365/contracts';
import { connectTestRpc, createTestNamespace, startTestService, type TestRpc } from '@archive365/testing';
import request from 'supertest';
import { credentialsService } from './support/services';

/** With no DATABASE_URL a service keeps its tables in an embedded SQLite file in DATA_DIR. */
describe('embedded SQLite default', () => {
  const ns = createTestNamespace();
  const dataDir = mkdtempSync(join(tmpdir(), 'sqlite-default-'));
  let caller: TestRpc;

  beforeAll(async () => {
    caller = await connectTestRpc(ns.natsUrl, ns.namespace);
  });

  afterAll(async () => {
    await caller?.close();
    await ns.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates, serves, and keeps its data across a restart', async () => {
    const env = {
      NATS_URL: ns.natsUrl,
      NATS_NAMESPACE: ns.namespace,
      DATA_DIR: dataDir,
      CREDENTIALS_MASTER_KEYS: `sqlite:${randomBytes(32).toString('base64')}`,
    };
    const first = await startTestService(credentialsService, env);
    await request(first.url).get('/health/ready').expect(200);
    await caller.rpc.send(Subjects.CreateInstance, {
      alias: 'sqlite',
      displayName: 'On SQLite',
      publicBaseUrl: 'https://a.example',
    });
    await first.stop();
    expect(readdirSync(dataDir)).toContain('credentials.sqlite');

    const second = await startTestService(credentialsService, env);
    try {
      const instance = await caller.rpc.send(Subjects.GetInstance, { alias: 'sqlite' });
      expect(instance.displayName).toBe('On SQLite');
    } finally {
      await second.stop();
    }
  });
});
