import { Subjects } from '@archive365/contracts';
import type { RunningEmulator } from '@archive365/entra-emulator';
import { RpcCallError } from '@archive365/messaging';
import { connectTestRpc, waitFor, type TestRpc } from '@archive365/testing';
import request from 'supertest';
import { TestPlatform } from './support/platform';
import { hasSeries, sampleSum, scrape } from './support/prometheus-text';
import {
  TENANT_ID,
  addTenantUser,
  credentialWithUploadedCertificate,
  credentialsEnvFor,
  directoryReaderApp,
  startTokenTenant,
} from './support/token-tenant';

const SERVED = 'archive365_nats_requests_served_total';
const SENT = 'archive365_nats_requests_sent_total';

/**
 * `/metrics` of real services after real traffic: the per-subject series move on the serving and the
 * calling side, errors are counted by code, token requests show cache hits against Entra calls, and
 * real sync runs are counted by outcome, timed, and their failures counted by cause.
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
    platform.serviceEnv['directory-sync'] = {
      GRAPH_BASE_URL: emulator.url,
      GRAPH_CA_FILE: emulator.caCertPath,
    };
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

  it('counts sync runs by outcome, users read, run durations and failures by cause', async () => {
    const directorySyncUrl = platform.service('directory-sync').url;
    const appId = await directoryReaderApp(emulator);
    const users = await Promise.all(['ann', 'bea', 'cal'].map((name) => addTenantUser(emulator, name)));
    const syncAs = async (alias: string, credentialId: string) => {
      await waitFor(`the ${alias} sync profile`, () =>
        caller.rpc
          .send(Subjects.AssignSyncCredential, { instanceAlias: alias, credentialId })
          .catch(() => undefined),
      );
      await caller.rpc.send(Subjects.UpdateSyncConfiguration, {
        instanceAlias: alias,
        userFilter: 'enabled',
      });
    };
    const fullRun = async (alias: string) => {
      const started = await caller.rpc.send(Subjects.StartSync, {
        instanceAlias: alias,
        kind: 'full',
        requestedBy: 'metrics',
      });
      return waitFor(
        `run ${started.id} to settle`,
        async () => {
          const run = await caller.rpc.send(Subjects.GetSyncRun, { runId: started.id });
          return ['reading', 'applying', 'publishing'].includes(run.state) ? undefined : run;
        },
        30_000,
      );
    };
    await syncAs('synced', await credentialWithUploadedCertificate(caller.rpc, emulator, 'synced', appId));
    const runs = 'archive365_sync_runs_total';
    const durations = 'archive365_sync_run_duration_seconds_count';

    expect((await fullRun('synced')).state).toBe('succeeded');
    let text = await scrape(directorySyncUrl);
    expect(sampleSum(text, runs, { kind: 'full', outcome: 'succeeded' })).toBe(1);
    expect(sampleSum(text, durations, { kind: 'full', outcome: 'succeeded' })).toBe(1);
    expect(sampleSum(text, 'archive365_sync_users_read_total')).toBe(3);

    // Every user gone from the directory: the run is held, then an administrator rejects it.
    for (const user of users) {
      const gone = await fetch(`${emulator.url}/_emulator/tenants/${TENANT_ID}/users/${user.id}`, {
        method: 'DELETE',
      });
      expect(gone.ok).toBe(true);
    }
    const held = await fullRun('synced');
    expect(held.state).toBe('held');
    await caller.rpc.send(Subjects.DecideSyncRun, { runId: held.id, decision: 'reject' });
    text = await scrape(directorySyncUrl);
    expect(sampleSum(text, runs, { kind: 'full', outcome: 'held' })).toBe(1);
    expect(sampleSum(text, runs, { kind: 'full', outcome: 'rejected' })).toBe(1);
    expect(sampleSum(text, 'archive365_sync_users_read_total')).toBe(3);

    // An app without consent to read the directory: Graph refuses, the run fails and says why.
    const unconsented = await directoryReaderApp(emulator, []);
    await syncAs(
      'unconsented',
      await credentialWithUploadedCertificate(caller.rpc, emulator, 'unconsented', unconsented),
    );
    const failed = await fullRun('unconsented');
    expect(failed.state).toBe('failed');
    text = await scrape(directorySyncUrl);
    expect(sampleSum(text, runs, { kind: 'full', outcome: 'failed' })).toBe(1);
    expect(sampleSum(text, durations, { kind: 'full', outcome: 'failed' })).toBe(1);
    expect(sampleSum(text, 'archive365_sync_run_errors_total', { code: 'DIRECTORY_DENIED' })).toBe(1);
    expect(sampleSum(text, 'archive365_sync_run_errors_total')).toBe(1);
  });
});
