import { Subjects } from '@archive365/contracts';
import type { RunningEmulator } from '@archive365/entra-emulator';
import { RpcCallError } from '@archive365/messaging';
import { connectTestRpc, waitFor, type TestRpc } from '@archive365/testing';
import request from 'supertest';
import { TestPlatform } from './support/platform';
import { hasSeries, sampleSum, scrape } from './support/prometheus-text';
import {
  credentialWithUploadedCertificate,
  credentialsEnvFor,
  startTokenTenant,
} from './support/token-tenant';

const SERVED = 'archive365_nats_requests_served_total';
const SENT = 'archive365_nats_requests_sent_total';

/**
 * `/metrics` of real services after real traffic: the per-subject series move on the serving and the
 * calling side, errors are counted by code, token requests show cache hits against Entra calls.
 */
describe('Prometheus metrics of running services', () => {
  const platform = TestPlatform.create();
  let emulator: RunningEmulator;
  let caller: TestRpc;
  let credentialsUrl: string;
  let adminApiUrl: string;

  beforeAll(async () => {
    emulator = await startTokenTenant();
    platform.serviceEnv.credentials = { ...platform.serviceEnv.credentials, ...credentialsEnvFor(emulator) };
    credentialsUrl = (await platform.start('credentials')).url;
    await platform.start('directory-sync');
    adminApiUrl = (await platform.start('admin-api')).url;
    caller = await connectTestRpc(platform.ns.natsUrl, platform.ns.namespace);
  });

  afterAll(async () => {
    await caller?.close();
    await platform.close();
    await emulator?.close();
  });

  it('counts a request on both sides of the bus, per subject, and the HTTP request that caused it', async () => {
    const subject = { subject: Subjects.CreateInstance.name };
    const [servedBefore, sentBefore] = [
      sampleSum(await scrape(credentialsUrl), SERVED, { ...subject, outcome: 'ok' }),
      sampleSum(await scrape(adminApiUrl), SENT, { ...subject, outcome: 'ok' }),
    ];

    await request(adminApiUrl)
      .post('/api/instances')
      .set(platform.adminAuth)
      .send({ alias: 'metered', displayName: 'Metered', publicBaseUrl: 'https://archive.example.net' })
      .expect(201);

    const credentials = await scrape(credentialsUrl);
    const adminApi = await scrape(adminApiUrl);
    expect(sampleSum(credentials, SERVED, { ...subject, outcome: 'ok' })).toBe(servedBefore + 1);
    expect(sampleSum(adminApi, SENT, { ...subject, outcome: 'ok' })).toBe(sentBefore + 1);
    expect(
      sampleSum(credentials, 'archive365_nats_request_serve_duration_seconds_count', subject),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sampleSum(adminApi, 'archive365_nats_request_duration_seconds_count', subject),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sampleSum(adminApi, 'archive365_http_requests_total', {
        method: 'POST',
        route: '/api/instances',
        status: '201',
        service: 'admin-api',
      }),
    ).toBe(1);
    // The event the creation published counts on the publishing side too.
    expect(
      sampleSum(credentials, SENT, { subject: 'events.instance.created', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('counts refused requests by their error code', async () => {
    await expect(
      caller.rpc.send(Subjects.GetInstance, { alias: 'Not An Alias!' } as never),
    ).rejects.toBeInstanceOf(RpcCallError);
    await expect(caller.rpc.send(Subjects.GetInstance, { alias: 'nobody-here' })).rejects.toMatchObject({
      body: { code: 'NOT_FOUND' },
    });
    const credentials = await scrape(credentialsUrl);
    const subject = Subjects.GetInstance.name;
    expect(sampleSum(credentials, SERVED, { subject, outcome: 'VALIDATION_FAILED' })).toBe(1);
    expect(sampleSum(credentials, SERVED, { subject, outcome: 'NOT_FOUND' })).toBe(1);

    // provisioning is not running here: the admin API's status request finds no responder, and says so.
    await request(adminApiUrl).get('/api/health/all').expect(503);
    const adminApi = await scrape(adminApiUrl);
    expect(
      sampleSum(adminApi, SENT, { subject: 'provisioning.status', outcome: 'NO_RESPONDERS' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('shows token requests answered from the cache against token requests sent to Entra ID', async () => {
    const credentialId = await credentialWithUploadedCertificate(caller.rpc, emulator, 'tokens');
    for (let i = 0; i < 3; i++) {
      await caller.rpc.send(Subjects.AcquireGraphToken, { credentialId }, { timeoutMs: 30000 });
    }
    const credentials = await scrape(credentialsUrl);
    expect(sampleSum(credentials, 'archive365_entra_token_requests_total', { outcome: 'ok' })).toBe(1);
    expect(sampleSum(credentials, 'archive365_token_cache_hits_total')).toBe(2);
    expect(sampleSum(credentials, SERVED, { subject: Subjects.AcquireGraphToken.name, outcome: 'ok' })).toBe(
      3,
    );
  });

  it('reports the lag of JetStream consumers and the process metrics', async () => {
    const directorySyncUrl = platform.service('directory-sync').url;
    const text = await waitFor('the instance.created consumer to catch up', async () => {
      const scraped = await scrape(directorySyncUrl);
      return hasSeries(scraped, 'archive365_jetstream_consumer_pending') &&
        sampleSum(scraped, 'archive365_jetstream_consumer_pending') === 0 &&
        sampleSum(scraped, 'archive365_jetstream_consumer_ack_pending') === 0
        ? scraped
        : undefined;
    });
    expect(hasSeries(text, 'archive365_jetstream_consumer_pending', { service: 'directory-sync' })).toBe(
      true,
    );
    expect(hasSeries(text, 'process_cpu_seconds_total', { service: 'directory-sync' })).toBe(true);
    expect(hasSeries(text, 'nodejs_eventloop_lag_p99_seconds')).toBe(true);
  });
});
