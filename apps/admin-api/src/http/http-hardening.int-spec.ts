import { loadConfig } from '@archive365/config';
import { createTestNamespace, startTestService, type TestService } from '@archive365/testing';
import request from 'supertest';
import { AdminApiConfig } from '../app/admin-api.config';
import { adminApiService } from '../app/service.definition';

const TOKEN = `a365_${'t'.repeat(40)}`;
const auth = { authorization: `Bearer ${TOKEN}` };

describe('admin API hardening', () => {
  const ns = createTestNamespace();
  let api: TestService<AdminApiConfig>;

  beforeAll(async () => {
    api = await startTestService(adminApiService, {
      NATS_URL: ns.natsUrl,
      NATS_NAMESPACE: ns.namespace,
      RATE_LIMIT_PER_MINUTE: '40',
      ADMIN_BOOTSTRAP_TOKEN: TOKEN,
    });
  });

  afterAll(async () => {
    await api?.stop();
    await ns.cleanup();
  });

  it('listens on the loopback interface unless HTTP_HOST says otherwise', () => {
    expect(loadConfig('admin-api', AdminApiConfig, {}).HTTP_HOST).toBe('127.0.0.1');
    expect(loadConfig('admin-api', AdminApiConfig, { HTTP_HOST: '0.0.0.0' }).HTTP_HOST).toBe('0.0.0.0');
  });

  it.each([
    ['application/x-www-form-urlencoded', 'alias=x&displayName=y'],
    [
      'multipart/form-data; boundary=b',
      '--b\r\nContent-Disposition: form-data; name="alias"\r\n\r\nx\r\n--b--\r\n',
    ],
    ['text/plain', '{"alias":"x"}'],
  ])('refuses a %s body with 415 (no cross-site form posts)', async (type, body) => {
    const response = await request(api.url).post('/api/instances').set('Content-Type', type).send(body);
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'Content-Type', status: 415 });
  });

  it('reads JSON bodies (validated as before) and bodiless requests', async () => {
    const response = await request(api.url).post('/api/instances').set(auth).send({ alias: 'Not An Alias' });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('alias');
    await request(api.url)
      .get('/api/instances/unknown-one')
      .set(auth)
      .expect((r) => expect(r.status).not.toBe(415));
  });

  it('sends security headers and no X-Powered-By', async () => {
    const response = await request(api.url).get('/health/live');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['strict-transport-security']).toBeDefined();
  });

  it('limits each client to RATE_LIMIT_PER_MINUTE requests, signed in or not', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      const call = request(api.url).get('/api/instances/contoso');
      statuses.push((await (i % 2 === 0 ? call.set(auth) : call)).status);
    }
    expect(statuses).toContain(429);
    const limited = await request(api.url).get('/api/instances/contoso').set(auth);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(limited.body.detail).toMatch(/too many requests/);
  });
});
