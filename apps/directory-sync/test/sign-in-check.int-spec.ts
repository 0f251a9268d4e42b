import { randomUUID } from 'node:crypto';
import { ErrorCode, Events, Subjects } from '@archive365/contracts';
import { EventPublisher, RpcCallError } from '@archive365/messaging';
import {
  connectTestRpc,
  createTestDatabase,
  createTestNamespace,
  startTestService,
  waitFor,
  type TestDatabase,
  type TestRpc,
  type TestService,
} from '@archive365/testing';
import { DataSource } from 'typeorm';
import { directorySyncService } from '../src/app/service.definition';
import type { DirectorySyncConfig } from '../src/app/directory-sync.config';

const TENANT = '0b5c2a7e-1d2f-4e3a-9b8c-7d6e5f4a3b21';
const OTHER_TENANT = '9a9a9a9a-1d2f-4e3a-9b8c-7d6e5f4a3b21';
const ACTIVE = '11111111-aaaa-4bbb-8ccc-000000000001';
const DISABLED = '11111111-aaaa-4bbb-8ccc-000000000002';

/**
 * The sign-in gateway's question on its hot path, answered from directory-sync's own archive users over
 * real NATS and PostgreSQL: allowed with the user's names, or refused with the reason.
 */
describe('CheckSignIn: may (tid, oid) sign in to an instance', () => {
  const ns = createTestNamespace();
  let database: TestDatabase;
  let service: TestService<DirectorySyncConfig>;
  let caller: TestRpc;

  beforeAll(async () => {
    database = await createTestDatabase('ds-sign-in');
    service = await startTestService(directorySyncService, {
      NATS_URL: ns.natsUrl,
      NATS_NAMESPACE: ns.namespace,
      DATABASE_URL: database.url,
    });
    caller = await connectTestRpc(ns.natsUrl, ns.namespace);
    const instanceId = randomUUID();
    await new EventPublisher(caller.nats, {
      servers: [ns.natsUrl],
      namespace: ns.namespace,
      serviceName: 'credentials',
    }).publish(Events.InstanceCreated, {
      id: instanceId,
      alias: 'contoso',
      displayName: 'Contoso',
      publicBaseUrl: 'https://archive.example.net',
    });
    const db = service.app.get(DataSource);
    await waitFor('the contoso profile', async () =>
      (await db.query('SELECT 1 FROM sync_profiles')).length === 1 ? true : undefined,
    );
    await db.query(`UPDATE sync_profiles SET directory_tenant_id = $1`, [TENANT]);
    const now = new Date().toISOString();
    for (const [oid, state, name] of [
      [ACTIVE, 'active', 'ada'],
      [DISABLED, 'disabled', 'bob'],
    ]) {
      await db.query(
        `INSERT INTO archive_users (id, instance_id, tenant_id, oid, user_name, display_name, primary_address,
           aliases, former_addresses, state, attrs_hash, archive_id, privileges, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '[]', '[]', $8, 'h', $9, '[]', $10, $10)`,
        [
          randomUUID(),
          instanceId,
          TENANT,
          oid,
          `${name}@contoso.com`,
          name.toUpperCase(),
          `${name}@contoso.com`,
          state,
          randomUUID(),
          now,
        ],
      );
    }
  });

  afterAll(async () => {
    await caller?.close();
    await service?.stop();
    await database?.drop();
    await ns.cleanup();
  });

  const check = (instanceAlias: string, tenantId: string, oid: string) =>
    caller.rpc.send(Subjects.CheckSignIn, { instanceAlias, tenantId, oid });

  it('allows an active archive user of the instance, with the names the gateway shows', async () => {
    await expect(check('contoso', TENANT, ACTIVE)).resolves.toEqual({
      allowed: true,
      user: {
        archiveUserId: expect.any(String),
        userName: 'ada@contoso.com',
        displayName: 'ADA',
        primaryAddress: 'ada@contoso.com',
      },
    });
    // Tokens carry GUIDs in any case.
    await expect(check('contoso', TENANT.toUpperCase(), ACTIVE.toUpperCase())).resolves.toMatchObject({
      allowed: true,
    });
  });

  it('refuses with the reason: disabled, not synchronized, wrong tenant, unknown instance', async () => {
    await expect(check('contoso', TENANT, DISABLED)).resolves.toEqual({ allowed: false, reason: 'disabled' });
    await expect(check('contoso', TENANT, randomUUID())).resolves.toEqual({
      allowed: false,
      reason: 'not-synchronized',
    });
    await expect(check('contoso', OTHER_TENANT, ACTIVE)).resolves.toEqual({
      allowed: false,
      reason: 'wrong-tenant',
    });
    await expect(check('contoso', OTHER_TENANT, randomUUID())).resolves.toEqual({
      allowed: false,
      reason: 'wrong-tenant',
    });
    await expect(check('fabrikam', TENANT, ACTIVE)).resolves.toEqual({
      allowed: false,
      reason: 'unknown-instance',
    });
  });

  it('answers a malformed question with the field at fault', async () => {
    const refused = await check('contoso', TENANT, 'not-a-guid').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RpcCallError);
    expect((refused as RpcCallError).body).toMatchObject({ code: ErrorCode.ValidationFailed, field: 'oid' });
  });
});
