import { trustEmulatorCaInProcess } from '@archive365/entra-emulator';
import { waitFor } from '@archive365/testing';
import request from 'supertest';
import {
  ADMIN,
  CUSTOMER_DOMAIN,
  CUSTOMER_TENANT,
  PROVIDER_APP,
  PROVIDER_TENANT,
} from './provisioning/customer-tenant';
import { ProvisioningPlatform } from './provisioning/provisioning-platform';
import { CookieClient } from './support/cookie-client';
import { HttpsFront } from './support/https-front';
import { signInAcross } from './support/replica-sign-in';
import { PASSWORD } from './support/sign-in-platform';

const PEOPLE = ['adele', 'bruno', 'chiara'].map((nickname) => ({
  nickname,
  id: '',
  upn: `${nickname}@${CUSTOMER_DOMAIN}`,
  mail: `${nickname}@${CUSTOMER_DOMAIN}`,
  displayName: nickname,
}));
/** Where Microsoft sends the customer's administrator back after the admin consent (the admin API's page). */
const CONSENT_RETURN = 'https://admin.example.net/api/setup/consent/callback';

interface SseEvent {
  event: string;
  data: { state: string; kind: string; usersRead: number; counts: Record<string, number>; reason?: string };
}

/**
 * The administrator's whole procedure through the admin API alone, with every service real (NATS,
 * PostgreSQL, the emulator over HTTPS, the auth gateway behind an HTTPS front): instance, a credential
 * with a generated certificate (tested, rotated), automatic app registration with the device code
 * approved in the emulator, the doctor, directory configuration, the preview with `+` for new users,
 * "Synchronize now" followed by Server-Sent Events, archive users and their archives, a synchronized
 * user's sign-in at the gateway, a second instance set up by the consent link with the provider's
 * credential, and the audit log.
 */
describe('the administrator procedure through the admin API', () => {
  let platform: ProvisioningPlatform;
  let front: HttpsFront;
  let gateway: string;
  let api: string;
  const admin = () => request.agent(api).set(platform.platform.adminAuth);
  let credentialId: string;
  let previewRunId: string;

  beforeAll(async () => {
    platform = await ProvisioningPlatform.start({ CONSENT_REDIRECT_URI: CONSENT_RETURN });
    trustEmulatorCaInProcess(platform.emulator.caCertPem);
    platform.loadProviderTenant();
    await platform.startDirectorySync();
    // The archive's public address: the auth gateway behind TLS, where archive users sign in.
    front = await HttpsFront.start();
    platform.platform.serviceEnv['auth-gateway'] = {
      ENTRA_AUTHORITY_HOST: platform.emulator.url,
      ENTRA_CA_FILE: platform.emulator.caCertPath,
    };
    gateway = (await platform.platform.start('auth-gateway')).url;
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
          password: PASSWORD,
        }),
      });
      expect(response.status).toBe(201);
      person.id = ((await response.json()) as { id: string }).id;
    }
  });

  afterAll(async () => {
    await platform?.close();
    await front?.close();
  });

  it('creates the instance', async () => {
    const created = await admin()
      .post('/api/instances')
      .send({ alias: 'northwind', displayName: 'Northwind', publicBaseUrl: front.url })
      .expect(201);
    expect(created.body).toMatchObject({ alias: 'northwind', displayName: 'Northwind' });
  });

  it('creates a credential with a generated certificate, tests it, and rotates it with overlap', async () => {
    // The customer's administrator registered the app and consented (the Azure portal's part).
    const registered = await fetch(`${platform.emulator.url}/_emulator/tenants/${CUSTOMER_TENANT}/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        displayName: 'Email Archive',
        clientSecret: 'not-used-by-the-archive-0000',
        graphRoles: ['User.Read.All'],
      }),
    });
    expect(registered.status).toBe(201);
    const { appId } = (await registered.json()) as { appId: string };
    const created = await admin()
      .post('/api/instances/northwind/credentials')
      .send({ name: 'Northwind archive', clientId: appId, tenantId: CUSTOMER_DOMAIN })
      .expect(201);
    const id: string = created.body.id;
    const first: string = created.body.activeCertificate.thumbprintSha1;
    expect(created.body).toMatchObject({ instanceAlias: 'northwind', clientId: appId });

    const early = await admin().post(`/api/credentials/${id}/test`).expect(502);
    expect(early.body.reason).toBe('AADSTS700027');
    const firstKey = platform.uploadCertificate(CUSTOMER_TENANT, appId, await der(id, 'active'));
    const tested = await admin().post(`/api/credentials/${id}/test`).expect(200);
    expect(tested.body).toMatchObject({ ok: true, roles: ['User.Read.All'] });

    const rotating = await admin().post(`/api/credentials/${id}/rotation`).send({}).expect(201);
    const pending = rotating.body.certificates.find((c: { state: string }) => c.state === 'pending');
    expect(pending?.thumbprintSha1).toMatch(/^[0-9A-F]{40}$/);
    expect(rotating.body.activeCertificate.thumbprintSha1).toBe(first);
    platform.uploadCertificate(CUSTOMER_TENANT, appId, await der(id, 'pending'));
    // Completing proves the new certificate with a real token request before switching to it.
    const completed = await admin().post(`/api/credentials/${id}/rotation/complete`).expect(200);
    expect(completed.body.activeCertificate.thumbprintSha1).toBe(pending.thumbprintSha1);
    await admin().post(`/api/credentials/${id}/rotation/retire`).expect(200);
    platform.removeCertificate(CUSTOMER_TENANT, appId, firstKey);
    const after = await admin().post(`/api/credentials/${id}/test`).expect(200);
    expect(after.body.ok).toBe(true);
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
    expect(tested.body.roles.sort()).toEqual(['GroupMember.Read.All', 'Place.Read.All', 'User.Read.All']);
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

  it('signs a synchronized user in at the auth gateway over HTTPS, with the code flow', async () => {
    const settings = await admin()
      .put('/api/instances/northwind/sign-in')
      .send({ credentialId, responseType: 'code' })
      .expect(200);
    // The automatic setup registered this redirect URI on the app it wrote.
    expect(settings.body.redirectUri).toBe(`${front.url}/northwind/oidc/signin`);
    const browser = new CookieClient([platform.emulator.caCertPem, front.certPem]);
    try {
      const base = `${front.url}/northwind`;
      const replica = { url: gateway };
      const { callback } = await signInAcross(front, browser, base, PEOPLE[1], {
        loginAt: replica,
        callbackAt: replica,
      });
      expect(callback.status).toBe(303);
      const page = await browser.request(new URL(callback.location ?? '', base).toString());
      expect(page.status).toBe(200);
      expect(page.text).toContain(PEOPLE[1].upn);
    } finally {
      await browser.close();
    }
  });

  it("sets a second instance up by the consent link with the provider's credential, approved in the emulator", async () => {
    const provider = await admin()
      .post('/api/provider/credentials')
      .send({ name: 'Provider app', clientId: PROVIDER_APP.appId, tenantId: PROVIDER_TENANT })
      .expect(201);
    expect(provider.body.owner).toBe('provider');
    platform.uploadCertificate(PROVIDER_TENANT, PROVIDER_APP.appId, await der(provider.body.id, 'active'));

    // A token limited to one instance manages none of the provider's credential.
    const token = await admin()
      .post('/api/tokens')
      .send({ name: 'northwind automation', instances: ['northwind'], expiresInDays: 30 })
      .expect(201);
    const limited = () => request.agent(api).set({ authorization: `Bearer ${token.body.token}` });
    const refused = await limited().get('/api/provider/credentials').expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    await limited().get(`/api/credentials/${provider.body.id}`).expect(404);

    await admin()
      .post('/api/instances')
      .send({ alias: 'northwind-eu', displayName: 'Northwind EU', publicBaseUrl: front.url })
      .expect(201);
    const started = await admin()
      .post('/api/instances/northwind-eu/setup/consent')
      .send({ tenantId: CUSTOMER_DOMAIN, options: { mailAccess: 'none' } })
      .expect(201);
    expect(started.body).toMatchObject({ state: 'waiting-for-consent', credentialId: provider.body.id });
    const link = new URL(started.body.consentUrl);
    expect(link.searchParams.get('client_id')).toBe(PROVIDER_APP.appId);
    const back = await platform.consentAsAdmin(started.body.consentUrl);
    expect(back.searchParams.get('admin_consent')).toBe('True');
    // The browser comes back to the admin API's public page, which needs no token.
    const page = await request(api).get(`/api/setup/consent/callback${back.search}`).expect(200);
    expect(page.text).toContain('Admin consent received');
    const setup = await admin().get('/api/instances/northwind-eu/setup').expect(200);
    expect(setup.body).toMatchObject({ state: 'succeeded', tenantId: CUSTOMER_TENANT, mode: 'consent-link' });
    const replay = await request(api).get(`/api/setup/consent/callback${back.search}`);
    expect(replay.status).toBe(409);
    await limited().get('/api/instances/northwind-eu/setup').expect(404);

    const run = await admin().post('/api/instances/northwind-eu/doctor').send({}).expect(200);
    expect(run.body.checks.filter((check: { outcome: string }) => check.outcome === 'fail')).toEqual([]);
    expect(run.body.ok).toBe(true);
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

    // Changes outside one instance's routes (credentials by id, the provider's, tokens, the consent return).
    const everything = await admin().get('/api/audit?limit=200').expect(200);
    const entries: { action: string; instance: string | null; outcome: string; actor: { kind: string } }[] =
      everything.body.items;
    const all = entries.map((event) => `${event.action} ${event.instance ?? '-'} ${event.outcome}`);
    expect(all).toEqual(
      expect.arrayContaining([
        'Credentials.create northwind succeeded',
        // The test before the certificate was uploaded: Microsoft refused the token.
        'Credentials.test - failed',
        'Credentials.test - succeeded',
        'Credentials.startRotation - succeeded',
        'Credentials.completeRotation - succeeded',
        'Credentials.retire - succeeded',
        'SignInSettings.configure northwind succeeded',
        'ProviderCredentials.create - succeeded',
        'Tokens.create - succeeded',
        'Setup.consent northwind-eu succeeded',
        'Setup.consentCallback - succeeded',
        // The replayed return: its state was spent.
        'Setup.consentCallback - refused',
        'Setup.doctor northwind-eu succeeded',
      ]),
    );
    // The customer's administrator coming back from Microsoft is no one of ours, and recorded as such.
    const returned = entries.filter((event) => event.action === 'Setup.consentCallback');
    expect(returned.map((event) => event.actor.kind)).toEqual(['anonymous', 'anonymous']);
  });

  /** The credential's certificate as the .cer (DER) file the Azure portal uploads. */
  async function der(id: string, which: 'active' | 'pending'): Promise<Buffer> {
    const file = await admin()
      .get(`/api/credentials/${id}/certificate?format=der&which=${which}`)
      .responseType('blob')
      .expect(200);
    return file.body as Buffer;
  }

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
