import {
  startEmulator,
  signInWithPassword,
  trustEmulatorCaInProcess,
  type RunningEmulator,
} from '@archive365/entra-emulator';
import { waitFor } from '@archive365/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TestPlatform } from './support/platform';

const PROVIDER_TENANT = '5a1e0c1d-7f3b-4c2a-9e8d-6b5a4c3d2e10';
const CONSOLE_APP = '7c6b5a49-3e2d-4c1b-8a9f-0e1d2c3b4a50';
const CONSOLE_SECRET = 'console-secret-for-tests-only';
const ADMIN_OID = '11111111-2222-4333-8444-555555555555';
const OTHER_OID = '66666666-7777-4888-9999-aaaaaaaaaaaa';
const PASSWORD = 'Admin-pass-1';
// Browsers reach the admin API here; the test plays the proxy that forwards to the real port.
const PUBLIC_URL = 'https://admin.archive.test';

/**
 * Who may use the admin API: API tokens (hashed, scoped, expiring, revocable), the bootstrap token,
 * administrators signed in with Microsoft, and the audit log that records every change and refusal.
 */
describe('admin API access: tokens, scopes, Microsoft sign-in and the audit log', () => {
  const platform = TestPlatform.create();
  let emulator: RunningEmulator;
  let api: string;
  const admin = () => request.agent(api).set(platform.adminAuth);
  const as = (token: string) => request.agent(api).set({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    emulator = await startEmulator({
      fixture: {
        tenants: [
          {
            organization: {
              id: PROVIDER_TENANT,
              displayName: 'Archive Hosting',
              verifiedDomains: [{ name: 'hosting.onmicrosoft.com', isDefault: true, isInitial: true }],
            },
            users: [
              {
                id: ADMIN_OID,
                userPrincipalName: 'ada@hosting.onmicrosoft.com',
                displayName: 'Ada Admin',
                accountEnabled: true,
                emulatorPassword: PASSWORD,
              },
              {
                id: OTHER_OID,
                userPrincipalName: 'otto@hosting.onmicrosoft.com',
                displayName: 'Otto Other',
                accountEnabled: true,
                emulatorPassword: PASSWORD,
              },
            ],
            groups: [],
            applications: [
              {
                id: '7c6b5a49-0000-4000-8000-000000000001',
                appId: CONSOLE_APP,
                displayName: 'archive365 admin console',
                signInAudience: 'AzureADMyOrg',
                web: {
                  redirectUris: [`${PUBLIC_URL}/api/auth/callback`],
                  implicitGrantSettings: { enableIdTokenIssuance: false },
                },
                passwordCredentials: [
                  {
                    keyId: '7c6b5a49-0000-4000-8000-000000000002',
                    secretText: CONSOLE_SECRET,
                    endDateTime: new Date(Date.now() + 86_400_000).toISOString(),
                  },
                ],
              },
            ],
            servicePrincipals: [
              {
                id: '7c6b5a49-0000-4000-8000-000000000003',
                appId: CONSOLE_APP,
                displayName: 'archive365 admin console',
                accountEnabled: true,
              },
            ],
          },
        ],
      },
    });
    trustEmulatorCaInProcess(emulator.caCertPem);
    platform.serviceEnv['admin-api'] = {
      ...platform.serviceEnv['admin-api'],
      ADMIN_OIDC_AUTHORITY: emulator.url,
      ADMIN_OIDC_TENANT_ID: PROVIDER_TENANT,
      ADMIN_OIDC_CLIENT_ID: CONSOLE_APP,
      ADMIN_OIDC_CLIENT_SECRET: CONSOLE_SECRET,
      ADMIN_OIDC_CA_FILE: emulator.caCertPath,
      ADMIN_PUBLIC_URL: PUBLIC_URL,
      ADMIN_BOOTSTRAP_ADMIN_OID: ADMIN_OID,
    };
    await platform.start('credentials');
    api = (await platform.start('admin-api')).url;
    for (const alias of ['contoso', 'fabrikam']) {
      await admin()
        .post('/api/instances')
        .send({ alias, displayName: alias, publicBaseUrl: 'https://archive.example.net' })
        .expect(201);
    }
  });

  afterAll(async () => {
    await platform.close();
    await emulator?.close();
  });

  it('refuses a request without credentials: 401 problem details naming what to send', async () => {
    const refused = await request(api).get('/api/instances').expect(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(refused.body).toMatchObject({
      type: 'urn:archive365:problem:unauthenticated',
      status: 401,
      code: 'UNAUTHENTICATED',
      reason: 'CREDENTIALS_MISSING',
      instance: '/api/instances',
    });
    expect(refused.body.detail).toContain('Authorization: Bearer');
    const unknown = await as('a365_not-a-real-token').get('/api/instances').expect(401);
    expect(unknown.body.reason).toBe('TOKEN_UNKNOWN');
  });

  it('keeps probes, the platform health and the OpenAPI document public', async () => {
    await request(api).get('/health/ready').expect(200);
    await request(api)
      .get('/api/health/all')
      .expect((response) => {
        expect([200, 503]).toContain(response.status);
      });
    const document = await request(api).get('/api/docs/openapi.json').expect(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/api/tokens', '/api/audit']));
    const page = await request(api).get('/api/docs').expect(200);
    expect(page.text).toContain('swagger');
  });

  it('issues a token scoped to one instance: the secret once, stored only as a hash', async () => {
    const issued = await admin()
      .post('/api/tokens')
      .send({ name: 'contoso automation', instances: ['contoso'], expiresInDays: 30 })
      .expect(201);
    expect(issued.body).toMatchObject({
      name: 'contoso automation',
      instances: ['contoso'],
      state: 'active',
    });
    expect(issued.body.token).toMatch(/^a365_[A-Za-z0-9_-]{43}$/);

    const listed = await admin().get('/api/tokens').expect(200);
    expect(listed.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.token);
    const rows: { token_hash: string }[] = await adminDatabase().query(
      'SELECT token_hash FROM access_tokens',
    );
    expect(rows.map((row) => row.token_hash)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(JSON.stringify(rows)).not.toContain(issued.body.token);
  });

  it('answers an instance outside the token scope exactly as one that does not exist', async () => {
    const token = await newToken({ name: 'scoped', instances: ['contoso'] });
    await as(token).get('/api/instances/contoso').expect(200);
    const hidden = await as(token).get('/api/instances/fabrikam').expect(404);
    const missing = await admin().get('/api/instances/fabrikam-nope').expect(404);
    expect(hidden.body).toEqual({
      ...missing.body,
      detail: 'no instance has the alias "fabrikam"',
      instance: '/api/instances/fabrikam',
    });

    const listed = await as(token).get('/api/instances').expect(200);
    expect(listed.body.items.map((instance: { alias: string }) => instance.alias)).toEqual(['contoso']);
    expect(listed.body.total).toBe(1);

    // A credential of an instance out of scope: the same 404 as an unknown credential id.
    const other = await admin()
      .post('/api/instances/fabrikam/credentials')
      .send({ name: 'F', clientId: CONSOLE_APP, tenantId: PROVIDER_TENANT, certificate: { keySize: 2048 } })
      .expect(201);
    const hiddenCredential = await as(token).get(`/api/credentials/${other.body.id}`).expect(404);
    expect(hiddenCredential.body).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'CREDENTIAL_NOT_FOUND',
      field: 'credentialId',
    });
    await as(token).post(`/api/credentials/${other.body.id}/test`).expect(404);
    await as(token)
      .post('/api/instances/fabrikam/credentials')
      .send({ name: 'F2', clientId: CONSOLE_APP, tenantId: PROVIDER_TENANT })
      .expect(404);

    // Managing tokens, administrators or the audit log takes every instance in scope.
    const forbidden = await as(token).post('/api/tokens').send({ name: 'wider' }).expect(403);
    expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_TOO_NARROW' });
    await as(token).get('/api/audit').expect(403);
    await as(token)
      .post('/api/instances')
      .send({ alias: 'new', displayName: 'n', publicBaseUrl: 'https://a.example' })
      .expect(403);
  });

  it("keeps the provider's own credential to callers with every instance in scope", async () => {
    const body = { name: 'Provider app', clientId: CONSOLE_APP, tenantId: PROVIDER_TENANT };
    const created = await admin()
      .post('/api/provider/credentials')
      .set('idempotency-key', 'provider-app-0001')
      .send(body)
      .expect(201);
    const id: string = created.body.id;
    expect(created.body).toMatchObject({ owner: 'provider', clientId: CONSOLE_APP });
    expect(created.body).not.toHaveProperty('instanceAlias');
    const retried = await admin()
      .post('/api/provider/credentials')
      .set('idempotency-key', 'provider-app-0001')
      .send(body)
      .expect(201);
    expect(retried.body.id).toBe(id);
    const listed = await admin().get('/api/provider/credentials').expect(200);
    expect(listed.body).toMatchObject({ total: 1, items: [{ id, owner: 'provider' }] });
    await admin().get(`/api/provider/credentials/${id}`).expect(200);
    // An instance's credential is not the provider's, and the provider's is in no instance's list.
    const fabrikam = await admin().get('/api/instances/fabrikam/credentials').expect(200);
    expect(fabrikam.body.items.map((credential: { id: string }) => credential.id)).not.toContain(id);
    await admin().get(`/api/provider/credentials/${fabrikam.body.items[0].id}`).expect(404);
    // Used like any credential through its id: the certificate to upload, rotation.
    await admin().get(`/api/credentials/${id}/certificate`).expect(200);
    const rotation = await admin().post(`/api/credentials/${id}/rotation`).send({}).expect(201);
    expect(rotation.body.certificates.map((c: { state: string }) => c.state)).toContain('pending');
    await admin().post(`/api/credentials/${id}/rotation/abort`).expect(200);

    // A token limited to an instance manages none of it: 403 on the provider's routes, and its id is
    // answered as unknown on the credential routes.
    const token = await newToken({ name: 'contoso only', instances: ['contoso'] });
    const refused = await as(token).get('/api/provider/credentials').expect(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_TOO_NARROW' });
    await as(token).post('/api/provider/credentials').send(body).expect(403);
    await as(token).get(`/api/provider/credentials/${id}`).expect(403);
    const hidden = await as(token).get(`/api/credentials/${id}`).expect(404);
    expect(hidden.body).toMatchObject({ reason: 'CREDENTIAL_NOT_FOUND', field: 'credentialId' });
    await as(token).post(`/api/credentials/${id}/rotation`).send({}).expect(404);
    await as(token).get(`/api/credentials/${id}/certificate`).expect(404);
    await as(token).delete(`/api/credentials/${id}`).expect(404);
  });

  it('refuses a revoked token and an expired one, saying which', async () => {
    const issued = await admin().post('/api/tokens').send({ name: 'to revoke' }).expect(201);
    await as(issued.body.token).get('/api/instances').expect(200);
    const revoked = await admin().delete(`/api/tokens/${issued.body.id}`).expect(200);
    expect(revoked.body.state).toBe('revoked');
    const refused = await as(issued.body.token).get('/api/instances').expect(401);
    expect(refused.body.reason).toBe('TOKEN_REVOKED');

    const expiring = await admin()
      .post('/api/tokens')
      .send({ name: 'to expire', expiresInDays: 1 })
      .expect(201);
    // A day passes (the stored expiry is moved; nothing else about the token changes).
    await adminDatabase().query('UPDATE access_tokens SET expires_at = $1 WHERE id = $2', [
      new Date(Date.now() - 1000).toISOString(),
      expiring.body.id,
    ]);
    const expired = await as(expiring.body.token).get('/api/instances').expect(401);
    expect(expired.body.reason).toBe('TOKEN_EXPIRED');
    const shown = await admin().get(`/api/tokens/${expiring.body.id}`).expect(200);
    expect(shown.body.state).toBe('expired');
  });

  it('validates bodies, queries and ids, and refuses oversized bodies', async () => {
    const empty = await admin().post('/api/tokens').send({ name: 'x', instances: [] }).expect(400);
    expect(empty.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'instances' });
    const badAlias = await admin()
      .post('/api/tokens')
      .send({ name: 'x', instances: ['Not An Alias'] })
      .expect(400);
    expect(badAlias.body.field).toBe('instances');
    const extra = await admin().post('/api/tokens').send({ name: 'x', admin: true }).expect(400);
    expect(extra.body.field).toBe('admin');
    const tooLong = await admin().post('/api/tokens').send({ name: 'x', expiresInDays: 9999 }).expect(400);
    expect(tooLong.body.detail).toContain('between 1 and 730');
    const page = await admin().get('/api/instances?limit=0').expect(400);
    expect(page.body.field).toBe('limit');
    const unknownQuery = await admin().get('/api/instances?sort=alias').expect(400);
    expect(unknownQuery.body.field).toBe('sort');
    await admin().get('/api/tokens/not-a-guid').expect(400);
    // A route without a query or a body refuses one rather than ignore it.
    const stray = await admin().get('/api/instances/contoso?verbose=1').expect(400);
    expect(stray.body).toMatchObject({ field: 'verbose', code: 'VALIDATION_FAILED' });
    const strayBody = await admin().post('/api/auth/signout').send({ everywhere: true }).expect(400);
    expect(strayBody.body.detail).toBe('this route takes no request body');
    const unknownId = await admin().delete('/api/tokens/00000000-0000-4000-8000-000000000000').expect(404);
    expect(unknownId.body.reason).toBe('TOKEN_NOT_FOUND');
    const huge = await admin()
      .post('/api/instances')
      .send({ alias: 'huge', displayName: 'x'.repeat(600_000), publicBaseUrl: 'https://a.example' })
      .expect(413);
    expect(huge.body).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'BODY_TOO_LARGE', status: 413 });
  });

  it('pages lists with limit and offset', async () => {
    const first = await admin().get('/api/instances?limit=1').expect(200);
    const second = await admin().get('/api/instances?limit=1&offset=1').expect(200);
    expect(first.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect([first.body.items[0].alias, second.body.items[0].alias]).toEqual(['contoso', 'fabrikam']);
  });

  it('signs an administrator in with Microsoft (code + PKCE), and refuses someone who is not one', async () => {
    const session = await signInAs('ada@hosting.onmicrosoft.com');
    const me = await request(api).get('/api/auth/me').set('cookie', session).expect(200);
    expect(me.body).toEqual({ kind: 'session', name: 'Ada Admin', instances: null });
    await request(api).get('/api/instances').set('cookie', session).expect(200);

    await request(api).post('/api/auth/signout').set('cookie', session).expect(200);
    const after = await request(api).get('/api/auth/me').set('cookie', session).expect(401);
    expect(after.body.reason).toBe('TOKEN_REVOKED');

    const start = await request(api).get('/api/auth/signin').expect(302);
    const outsider = await signInWithPassword({
      authorizeUrl: start.headers['location'],
      userPrincipalName: 'otto@hosting.onmicrosoft.com',
      password: PASSWORD,
    });
    const refused = await request(api).get(callbackPath(outsider.redirect)).expect(401);
    expect(refused.body.reason).toBe('NOT_AN_ADMINISTRATOR');
    // The same callback again: its state was used, so it is refused before Microsoft is even asked.
    const replayed = await request(api).get(callbackPath(outsider.redirect)).expect(401);
    expect(replayed.body.reason).toBe('SIGN_IN_EXPIRED');
    const openRedirect = await request(api).get('/api/auth/signin?returnTo=//evil.example').expect(400);
    expect(openRedirect.body.field).toBe('returnTo');
  });

  it('records every change in the audit log: who, what, when, from where, and the outcome', async () => {
    // Events are written as their answers finish: wait for the last one of the previous test.
    const listed = await waitFor('the replayed callback in the audit log', async () => {
      const page = await admin().get('/api/audit?limit=200').expect(200);
      const replays = page.body.items.filter(
        (event: { action: string; status: number }) =>
          event.action === 'Auth.callback' && event.status === 401,
      );
      return replays.length >= 2 ? page : undefined;
    });
    const events: {
      action: string;
      actor: { kind: string; name: string };
      outcome: string;
      status: number;
      instance: string | null;
      source: { ip: string; userAgent: string };
      at: string;
    }[] = listed.body.items;
    const find = (action: string, status: number) =>
      events.find((event) => event.action === action && event.status === status);
    expect(find('Instances.create', 201)).toMatchObject({
      actor: { kind: 'bootstrap', name: 'bootstrap token' },
      outcome: 'succeeded',
      instance: null,
      source: { ip: expect.stringMatching(/127\.0\.0\.1/) },
    });
    expect(find('Credentials.create', 201)).toMatchObject({ instance: 'fabrikam', outcome: 'succeeded' });
    expect(find('Credentials.create', 404)).toMatchObject({
      actor: { kind: 'token', name: 'scoped' },
      outcome: 'refused',
    });
    expect(find('Tokens.create', 403)).toMatchObject({ outcome: 'refused' });
    expect(find('Tokens.revoke', 200)).toMatchObject({ outcome: 'succeeded' });
    expect(find('POST /api/instances', 413)).toMatchObject({
      actor: { kind: 'anonymous' },
      outcome: 'refused',
    });
    expect(find('Auth.callback', 302)).toMatchObject({ actor: { kind: 'session', name: 'Ada Admin' } });
    expect(find('Auth.callback', 401)).toMatchObject({ outcome: 'refused' });
    expect(find('Auth.signOut', 200)).toMatchObject({ actor: { kind: 'session', name: 'Ada Admin' } });
    // Reads are not changes.
    expect(events.some((event) => event.action === 'Instances.list')).toBe(false);
    expect(Date.parse(events[0].at)).toBeGreaterThan(Date.now() - 120_000);

    const exported = await admin().get('/api/audit/export').expect(200);
    expect(exported.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = exported.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: number });
    expect(lines).toHaveLength(listed.body.total);
    expect(lines.map((line) => line.id)).toEqual([...lines.map((line) => line.id)].sort((a, b) => a - b));
    const filtered = await admin().get('/api/audit?instance=fabrikam').expect(200);
    expect(filtered.body.items.every((event: { instance: string }) => event.instance === 'fabrikam')).toBe(
      true,
    );
  });

  function adminDatabase(): DataSource {
    return platform.service('admin-api').app.get(DataSource);
  }

  async function newToken(body: object): Promise<string> {
    return (await admin().post('/api/tokens').send(body).expect(201)).body.token;
  }

  /** The browser's round trip: our sign-in redirect, Microsoft's page, the callback; answers the cookie. */
  async function signInAs(userPrincipalName: string): Promise<string> {
    const start = await request(api).get('/api/auth/signin').expect(302);
    const authorizeUrl: string = start.headers['location'];
    expect(authorizeUrl.startsWith(`${emulator.url}/${PROVIDER_TENANT}/oauth2/v2.0/authorize?`)).toBe(true);
    expect(new URL(authorizeUrl).searchParams.get('code_challenge_method')).toBe('S256');
    const signedIn = await signInWithPassword({ authorizeUrl, userPrincipalName, password: PASSWORD });
    expect(signedIn.redirect?.startsWith(`${PUBLIC_URL}/api/auth/callback?`)).toBe(true);
    const callback = await request(api).get(callbackPath(signedIn.redirect)).expect(302);
    expect(callback.headers['location']).toBe('/api/auth/me');
    const cookie = (callback.headers['set-cookie'] as unknown as string[]).find((value) =>
      value.startsWith('a365_session='),
    );
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    return (cookie ?? '').split(';')[0];
  }
});

function callbackPath(redirect: string | undefined): string {
  if (!redirect) throw new Error('the emulator did not redirect back');
  const url = new URL(redirect);
  return `${url.pathname}${url.search}`;
}
