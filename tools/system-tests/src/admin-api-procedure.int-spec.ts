import { trustEmulatorCaInProcess } from '@archive365/entra-emulator';
import { waitFor } from '@archive365/testing';
import request from 'supertest';
import { ADMIN, CUSTOMER_DOMAIN, CUSTOMER_TENANT } from './provisioning/customer-tenant';
import { ProvisioningPlatform } from './provisioning/provisioning-platform';

const PEOPLE = ['adele', 'bruno', 'chiara'].map((nickname) => ({
  nickname,
  upn: `${nickname}@${CUSTOMER_DOMAIN}`,
  mail: `${nickname}@${CUSTOMER_DOMAIN}`,
}));

interface SseEvent {
  event: string;
  data: { state: string; kind: string; usersRead: number; counts: Record<string, number>; reason?: string };
}

/**
 * The administrator's whole procedure through the admin API alone, with every service real (NATS,
 * PostgreSQL, the emulator over HTTPS): instance, automatic app registration with the device code
 * approved in the emulator, the doctor, directory configuration, the preview with `+` for new users,
 * "Synchronize now" followed by Server-Sent Events, archive users and their archives, and the audit log.
 */
describe('the administrator procedure through the admin API', () => {
  let platform: ProvisioningPlatform;
  let api: string;
  const admin = () => request.agent(api).set(platform.platform.adminAuth);
  let credentialId: string;
  let previewRunId: string;

  beforeAll(async () => {
    platform = await ProvisioningPlatform.start();
    trustEmulatorCaInProcess(platform.emulator.caCertPem);
    platform.platform.serviceEnv['directory-sync'] = {
      GRAPH_BASE_URL: platform.emulator.url,
      GRAPH_CA_FILE: platform.emulator.caCertPath,
      GRAPH_MAX_RETRIES: '3',
      GRAPH_MAX_BACKOFF_MS: '200',
    };
    await platform.platform.start('directory-sync');
    api = (await platform.platform.start('admin-api')).url;
    // The customer's people (the fixture's administrator and clerk are there already).
    for (const person of PEOPLE) {
      const response = await fetch(`${platform.emulator.url}/_emulator/tenants/${CUSTOMER_TENANT}/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          userPrincipalName: person.upn,
          displayName: person.nickname,
          mailNickname: person.nickname,
          mail: person.mail,
          accountEnabled: true,
          userType: 'Member',
        }),
      });
      expect(response.status).toBe(201);
    }
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('creates the instance', async () => {
    const created = await admin()
      .post('/api/instances')
      .send({ alias: 'northwind', displayName: 'Northwind', publicBaseUrl: 'https://archive.example.net' })
      .expect(201);
    expect(created.body).toMatchObject({ alias: 'northwind', displayName: 'Northwind' });
  });

  it('sets the app registration up automatically: device code shown, approved, app written', async () => {
    const started = await admin()
      .post('/api/instances/northwind/setup/automatic')
      .send({ options: { mailAccess: 'none' } })
      .expect((r) => {
        if (r.status !== 201) throw new Error(JSON.stringify(r.body));
      });
    expect(started.body.state).toBe('waiting-for-sign-in');
    expect(started.body.signIn.userCode).toMatch(/^[A-Z2-9]{9}$/);
    await platform.approve(started.body, ADMIN);
    const done = await waitFor(
      'the setup to end',
      async () => {
        // A poll that times out on a busy machine is simply a poll that saw nothing yet.
        const setup = await admin().get('/api/instances/northwind/setup');
        return setup.status === 200 && ['succeeded', 'failed'].includes(setup.body.state)
          ? setup.body
          : undefined;
      },
      60_000,
    );
    expect(done).toMatchObject({ state: 'succeeded', tenantId: CUSTOMER_TENANT });
    credentialId = done.credentialId;

    const credential = await admin().get(`/api/credentials/${credentialId}`).expect(200);
    expect(credential.body).toMatchObject({ instanceAlias: 'northwind', clientId: done.clientId });
    const tested = await admin().post(`/api/credentials/${credentialId}/test`).expect(200);
    // The least-privileged default: all that the sync below needs.
    expect(tested.body.roles.sort()).toEqual(['GroupMember.Read.All', 'User.Read.All']);
  });

  it('runs the doctor and keeps its last result', async () => {
    const run = await admin()
      .post('/api/instances/northwind/doctor')
      .send({ credentialId, options: { mailAccess: 'none' } })
      .expect(200);
    expect(run.body.checks.length).toBeGreaterThan(0);
    const failed = run.body.checks.filter((check: { outcome: string }) => check.outcome === 'fail');
    expect(failed).toEqual([]);
    expect(run.body.ok).toBe(true);
    const last = await admin().get('/api/instances/northwind/doctor/last').expect(200);
    expect(last.body.run.id).toBe(run.body.id);
  });

  it('configures directory sync: the credential and who is synchronized', async () => {
    await admin().put('/api/instances/northwind/sync/credential').send({ credentialId }).expect(200);
    const configured = await admin()
      .patch('/api/instances/northwind/sync/configuration')
      .send({ userFilter: 'enabled' })
      .expect(200);
    expect(configured.body).toMatchObject({ credentialId, userFilter: 'enabled' });
    const refused = await admin()
      .patch('/api/instances/northwind/sync/configuration')
      .send({ userFilter: 'everyone' })
      .expect(400);
    expect(refused.body.field).toBe('userFilter');
  });

  it('previews the sync: the new users marked +, paged and filtered, nothing created', async () => {
    const started = await admin().post('/api/instances/northwind/sync/preview').expect(202);
    expect(started.body).toMatchObject({ kind: 'preview', requestedBy: 'bootstrap token' });
    previewRunId = started.body.id;
    const events = await serverSentEvents(`/api/instances/northwind/sync/runs/${previewRunId}/events`);
    const ended = events.at(-1);
    // The run's own reason says why, should it end otherwise.
    expect(`${ended?.event} ${ended?.data.state}: ${ended?.data.reason ?? ''}`).toMatch(/^ended planned: /);

    const plan = await admin()
      .get(`/api/instances/northwind/sync/runs/${previewRunId}/plan?action=create&limit=2`)
      .expect(200);
    expect(plan.body).toMatchObject({ limit: 2, offset: 0 });
    expect(plan.body.total).toBeGreaterThanOrEqual(PEOPLE.length);
    expect(plan.body.items).toHaveLength(2);
    expect(plan.body.items.every((item: { sign: string }) => item.sign === '+')).toBe(true);
    const searched = await admin()
      .get(`/api/instances/northwind/sync/runs/${previewRunId}/plan?search=bruno`)
      .expect(200);
    expect(searched.body.items.map((item: { userName: string }) => item.userName)).toEqual([PEOPLE[1].upn]);

    const users = await admin().get('/api/instances/northwind/archive-users').expect(200);
    expect(users.body.total).toBe(0);
  });

  it('synchronizes now, followed live with Server-Sent Events, and lists archive users and archives', async () => {
    const started = await admin()
      .post('/api/instances/northwind/sync/runs')
      .send({ kind: 'full' })
      .expect(202);
    const events = await serverSentEvents(
      `/api/instances/northwind/sync/runs/${started.body.id}/events?intervalMs=200`,
    );
    const last = events.at(-1);
    expect(last).toMatchObject({ event: 'ended', data: { state: 'succeeded', kind: 'full' } });
    expect(last?.data.counts['create']).toBeGreaterThanOrEqual(PEOPLE.length);

    const run = await admin().get(`/api/instances/northwind/sync/runs/${started.body.id}`).expect(200);
    expect(run.body).toMatchObject({ state: 'succeeded', applied: true, completeRead: true });
    const runs = await admin().get('/api/instances/northwind/sync/runs').expect(200);
    expect(runs.body.items.map((item: { id: string }) => item.id)).toEqual(
      expect.arrayContaining([started.body.id, previewRunId]),
    );

    const users = await admin().get('/api/instances/northwind/archive-users?limit=200').expect(200);
    const names = users.body.items.map((user: { userName: string }) => user.userName);
    expect(names).toEqual(expect.arrayContaining(PEOPLE.map((person) => person.upn)));
    const archives = await admin().get('/api/instances/northwind/archives?limit=200').expect(200);
    expect(archives.body.total).toBe(users.body.total);
    expect(archives.body.items[0]).toEqual({
      archiveId: expect.any(String),
      archiveUserId: expect.any(String),
      userName: expect.any(String),
      primaryAddress: expect.any(String),
      state: 'active',
    });
    const found = await admin()
      .get(`/api/instances/northwind/archive-users/by-address?address=${PEOPLE[0].mail}`)
      .expect(200);
    expect(found.body.userName).toBe(PEOPLE[0].upn);
    const missing = await admin()
      .get(`/api/instances/northwind/archive-users/by-address?address=nobody@${CUSTOMER_DOMAIN}`)
      .expect(404);
    expect(missing.body.reason).toBe('ARCHIVE_USER_NOT_FOUND');
  });

  it('answers unknown ids and runs of another instance with 404 problems', async () => {
    await admin()
      .post('/api/instances')
      .send({ alias: 'other', displayName: 'Other', publicBaseUrl: 'https://archive.example.net' })
      .expect(201);
    const elsewhere = await admin().get(`/api/instances/other/sync/runs/${previewRunId}`).expect(404);
    expect(elsewhere.body).toMatchObject({ code: 'NOT_FOUND', reason: 'RUN_NOT_FOUND', field: 'runId' });
    await admin().get('/api/instances/northwind/sync/runs/00000000-0000-4000-8000-000000000000').expect(404);
    const badId = await admin().get('/api/instances/northwind/sync/runs/not-a-run').expect(400);
    expect(badId.body.field).toBe('runId');
    await admin().get('/api/instances/nowhere/sync/configuration').expect(404);
    await admin()
      .post(`/api/instances/northwind/sync/runs/${previewRunId}/approve`)
      .expect((response) => {
        // A preview is not held: the service refuses the decision, naming why.
        expect(response.status).toBe(409);
      });
  });

  it('records each change of the procedure in the audit log', async () => {
    const audit = await waitFor('the last change in the audit log', async () => {
      const page = await admin().get('/api/audit?instance=northwind&limit=200').expect(200);
      const actions = page.body.items.map((event: { action: string }) => event.action);
      return actions.includes('DirectorySync.approve') ? page.body : undefined;
    });
    const actions: string[] = audit.items.map((event: { action: string }) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'Setup.automatic',
        'Setup.doctor',
        'Credentials.assignToSync',
        'DirectorySync.configure',
        'DirectorySync.preview',
        'DirectorySync.synchronize',
        'DirectorySync.approve',
      ]),
    );
    expect(actions).not.toContain('DirectorySync.archiveUsers');
  });

  /** Reads a Server-Sent Events stream to its end, as a browser's EventSource would receive it. */
  async function serverSentEvents(path: string): Promise<SseEvent[]> {
    const response = await fetch(`${api}${path}`, {
      headers: { ...platform.platform.adminAuth, accept: 'text/event-stream' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    return text
      .split('\n\n')
      .filter((block) => block.includes('data: '))
      .map((block) => ({
        event: /^event: (.*)$/m.exec(block)?.[1] ?? 'message',
        data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}'),
      }));
  }
});
