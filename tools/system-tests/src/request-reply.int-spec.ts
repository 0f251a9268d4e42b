import { ErrorCode, Subjects, type CreateInstanceRequest } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import { connectTestRpc, type TestRpc } from '@archive365/testing';
import request from 'supertest';
import { TestPlatform } from './support/platform';

describe('request/reply across services', () => {
  const platform = TestPlatform.create();
  // Every call as the bootstrap administrator (its token comes from the admin API's configuration).
  const admin = () => request.agent(adminUrl).set(platform.adminAuth);
  let caller: TestRpc;
  let adminUrl: string;

  beforeAll(async () => {
    await platform.start('credentials');
    adminUrl = (await platform.start('admin-api')).url;
    caller = await connectTestRpc(platform.ns.natsUrl, platform.ns.namespace);
  });

  afterAll(async () => {
    await caller?.close();
    await platform.close();
  });

  it('creates an instance through the admin API, answered by the credentials service', async () => {
    const created = await admin()
      .post('/api/instances')
      .send({ alias: 'contoso', displayName: 'Contoso Ltd', publicBaseUrl: 'https://archive.example.net/' })
      .expect(201);
    expect(created.body).toMatchObject({ alias: 'contoso', publicBaseUrl: 'https://archive.example.net' });

    const fetched = await admin().get('/api/instances/contoso').expect(200);
    expect(fetched.body.id).toBe(created.body.id);
    const listed = await caller.rpc.send(Subjects.ListInstances, {});
    expect(listed.map((instance) => instance.alias)).toEqual(['contoso']);
  });

  it('creates idempotently: the same instance again is answered, not duplicated', async () => {
    const again = await admin()
      .post('/api/instances')
      .send({ alias: 'contoso', displayName: 'Contoso Ltd', publicBaseUrl: 'https://archive.example.net' })
      .expect(201);
    const listed = await caller.rpc.send(Subjects.ListInstances, {});
    expect(listed).toHaveLength(1);
    expect(again.body.id).toBe(listed[0].id);
  });

  it('maps a domain error to its HTTP status with a hint', async () => {
    const duplicate = await admin()
      .post('/api/instances')
      .send({ alias: 'contoso', displayName: 'Again', publicBaseUrl: 'https://archive.example.net' })
      .expect(409);
    expect(duplicate.body).toMatchObject({
      code: ErrorCode.Conflict,
      field: 'alias',
      reason: 'INSTANCE_ALIAS_TAKEN',
    });
    const missing = await admin().get('/api/instances/nobody').expect(404);
    expect(missing.body.detail).toContain('nobody');
  });

  it('rejects an invalid HTTP body with 400 naming the field, and stores nothing', async () => {
    const response = await admin()
      .post('/api/instances')
      .send({ alias: 'Bad Alias!', displayName: 'X', publicBaseUrl: 'https://x.example' })
      .expect(400);
    expect(response.body).toMatchObject({ code: ErrorCode.ValidationFailed, field: 'alias' });
    const insecure = await admin()
      .post('/api/instances')
      .send({ alias: 'fabrikam', displayName: 'X', publicBaseUrl: 'http://x.example' })
      .expect(400);
    expect(insecure.body.detail).toContain('publicBaseUrl must be an https:// URL');
    const listed = await caller.rpc.send(Subjects.ListInstances, {});
    expect(listed).toHaveLength(1);
  });

  it('answers an invalid NATS payload with a typed error naming the field, and keeps serving', async () => {
    // Bypasses the compile-time check on purpose: what a buggy or hostile caller could send.
    const sendRaw = (payload: object) =>
      caller.rpc.send(Subjects.CreateInstance, payload as CreateInstanceRequest);
    await expect(
      sendRaw({ alias: 'ok-alias', displayName: '', publicBaseUrl: 'https://x.example' }),
    ).rejects.toMatchObject({
      body: { code: ErrorCode.ValidationFailed, field: 'displayName' },
    });
    await expect(
      sendRaw({ alias: 'ok-alias', displayName: 'Y', publicBaseUrl: 'https://x.example', admin: true }),
    ).rejects.toMatchObject({
      body: { code: ErrorCode.ValidationFailed, field: 'admin' },
    });
    const garbage = await caller.nats.request(
      `${platform.ns.namespace}.${Subjects.CreateInstance.name}`,
      new TextEncoder().encode('not json'),
    );
    expect(JSON.parse(new TextDecoder().decode(garbage.data))).toMatchObject({
      ok: false,
      error: { code: ErrorCode.ValidationFailed },
    });

    const status = await caller.rpc.send(Subjects.GetInstance, { alias: 'contoso' });
    expect(status.alias).toBe('contoso');
  });

  it('tells the caller when no service answers a subject', async () => {
    await platform.stop('credentials');
    const error = await caller.rpc.send(Subjects.ListInstances, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcCallError);
    expect((error as RpcCallError).body.code).toBe(ErrorCode.DependencyFailed);
    const viaHttp = await admin().get('/api/instances').expect(502);
    expect(viaHttp.body.detail).toContain('no service is answering');
  });
});
