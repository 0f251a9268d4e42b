import { SERVICE_NAMES, StatusSubjects } from '@archive365/contracts';
import { connectTestRpc, type TestRpc } from '@archive365/testing';
import request from 'supertest';
import { TestPlatform } from './support/platform';

describe('platform health over NATS (all five services, PostgreSQL, JetStream)', () => {
  const platform = TestPlatform.create();
  let caller: TestRpc;

  beforeAll(async () => {
    for (const name of SERVICE_NAMES) {
      await platform.start(name);
    }
    caller = await connectTestRpc(platform.ns.natsUrl, platform.ns.namespace);
  });

  afterAll(async () => {
    await caller?.close();
    await platform.close();
  });

  it('GET /api/health/all reports every service up with NATS and database checked', async () => {
    const adminApi = platform.service('admin-api');
    const response = await request(adminApi.url).get('/api/health/all').expect(200);
    expect(response.body.status).toBe('ok');
    expect(Object.keys(response.body.services).sort()).toEqual([...SERVICE_NAMES].sort());
    for (const name of SERVICE_NAMES) {
      expect(response.body.services[name]).toMatchObject({
        status: 'up',
        service: name,
        checks: { nats: 'up', database: 'up' },
      });
    }
  });

  it('answers a typed status request from outside any service', async () => {
    const reply = await caller.rpc.send(StatusSubjects.credentials, { caller: 'test' });
    expect(reply.service).toBe('credentials');
    expect(reply.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('each service serves its readiness probe', async () => {
    for (const name of SERVICE_NAMES) {
      const response = await request(platform.service(name).url).get('/health/ready').expect(200);
      expect(response.body.details).toEqual({ nats: { status: 'up' }, database: { status: 'up' } });
    }
  });

  it('reports a stopped service as down with 503, and recovers when it is back', async () => {
    await platform.stop('provisioning');
    const adminApi = platform.service('admin-api');
    const degraded = await request(adminApi.url).get('/api/health/all').expect(503);
    expect(degraded.body.status).toBe('degraded');
    expect(degraded.body.services.provisioning).toMatchObject({ status: 'down', service: 'provisioning' });
    expect(degraded.body.services.credentials.status).toBe('up');

    await platform.start('provisioning');
    await request(adminApi.url).get('/api/health/all').expect(200);
  });
});
