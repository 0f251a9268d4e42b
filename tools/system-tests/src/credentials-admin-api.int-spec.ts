import { X509Certificate } from 'node:crypto';
import { startEmulator, trustEmulatorCaInProcess, type RunningEmulator } from '@archive365/entra-emulator';
import request from 'supertest';
import { TestPlatform } from './support/platform';

const TENANT_ID = '8c7b6a59-4d3e-4f2a-9b1c-0d9e8f7a6b50';
const CLIENT_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/**
 * An administrator's credential through the admin API: create, download the .cer, test it (the reply
 * never carries the token), and delete it only when directory sync no longer uses it.
 */
describe('credentials through the admin API, with directory sync as a user of them', () => {
  const platform = TestPlatform.create();
  // Every call as the bootstrap administrator (its token comes from the admin API's configuration).
  const admin = () => request.agent(api).set(platform.adminAuth);
  let emulator: RunningEmulator;
  let api: string;
  let credentialId: string;

  beforeAll(async () => {
    emulator = await startEmulator({
      fixture: {
        tenants: [
          {
            organization: {
              id: TENANT_ID,
              displayName: 'Northwind',
              verifiedDomains: [{ name: 'northwind.onmicrosoft.com', isDefault: true, isInitial: true }],
            },
            users: [],
            groups: [],
            applications: [
              {
                id: '9f8e7d6c-0000-4000-8000-000000000001',
                appId: CLIENT_ID,
                displayName: 'Email Archive',
                keyCredentials: [],
              },
            ],
            servicePrincipals: [
              {
                id: '9f8e7d6c-0000-4000-8000-000000000002',
                appId: CLIENT_ID,
                displayName: 'Email Archive',
                accountEnabled: true,
              },
            ],
          },
        ],
      },
    });
    trustEmulatorCaInProcess(emulator.caCertPem);
    platform.serviceEnv.credentials = {
      ...platform.serviceEnv.credentials,
      ENTRA_AUTHORITY_HOST: emulator.url,
      ENTRA_CA_FILE: emulator.caCertPath,
    };
    await platform.start('credentials');
    await platform.start('directory-sync');
    api = (await platform.start('admin-api')).url;
    await admin()
      .post('/api/instances')
      .send({ alias: 'northwind', displayName: 'Northwind', publicBaseUrl: 'https://archive.example.net' })
      .expect(201);
  });

  afterAll(async () => {
    await platform.close();
    await emulator?.close();
  });

  it('creates a credential and serves its certificate as the .cer file the Azure portal uploads', async () => {
    const created = await admin()
      .post('/api/instances/northwind/credentials')
      .send({
        name: 'Northwind archive',
        clientId: CLIENT_ID,
        tenantId: TENANT_ID,
        certificate: { keySize: 3072, validityMonths: 24 },
      })
      .expect(201);
    credentialId = created.body.id;
    expect(created.body.activeCertificate).toMatchObject({ keySize: 3072, state: 'active' });

    const file = await admin()
      .get(`/api/credentials/${credentialId}/certificate`)
      .responseType('blob')
      .expect(200);
    expect(file.headers['content-type']).toBe('application/pkix-cert');
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename="Northwind-archive-[0-9A-F]{8}\.cer"$/,
    );
    const x509 = new X509Certificate(file.body as Buffer);
    expect(x509.fingerprint.replace(/:/g, '')).toBe(file.headers['x-thumbprint-sha1']);
    expect(x509.fingerprint.replace(/:/g, '')).toBe(created.body.activeCertificate.thumbprintSha1);
  });

  it('creates once per Idempotency-Key: a retried request answers the first credential', async () => {
    const body = { name: 'Retried through the API', clientId: CLIENT_ID, tenantId: TENANT_ID };
    const key = `retry-${Date.now()}`;
    const first = await admin()
      .post('/api/instances/northwind/credentials')
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    const retried = await admin()
      .post('/api/instances/northwind/credentials')
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    expect(retried.body.id).toBe(first.body.id);
    const reused = await admin()
      .post('/api/instances/northwind/credentials')
      .set('Idempotency-Key', key)
      .send({ ...body, name: 'Another credential' })
      .expect(409);
    expect(JSON.stringify(reused.body)).toContain('IDEMPOTENCY_KEY_REUSED');
  });

  it('tests a credential: the AADSTS error and hint when the certificate is not uploaded', async () => {
    const tested = await admin().post(`/api/credentials/${credentialId}/test`).expect(502);
    expect(tested.body).toMatchObject({ code: 'DEPENDENCY_FAILED', reason: 'AADSTS700027' });
    expect(tested.body.hint).toMatch(/upload/i);
  });

  it('tests a credential after the upload: ok, and the token itself is never in the reply', async () => {
    const file = await admin()
      .get(`/api/credentials/${credentialId}/certificate?format=der`)
      .responseType('blob')
      .expect(200);
    emulator.store
      .tenant(TENANT_ID)
      ?.applicationByAppId(CLIENT_ID)
      ?.keyCredentials?.push({
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        key: (file.body as Buffer).toString('base64'),
        keyId: '0c0c0c0c-0000-4000-8000-000000000001',
        startDateTime: new Date(Date.now() - 60_000).toISOString(),
        endDateTime: new Date(Date.now() + 86_400_000).toISOString(),
      });
    const tested = await admin().post(`/api/credentials/${credentialId}/test`).expect(200);
    // No admin consent in this tenant: Entra still issues a token, only without roles.
    // ... and the reply says so, with how to grant it.
    expect(tested.body).toEqual({
      ok: true,
      roles: [],
      expiresOn: expect.any(String),
      warnings: [
        expect.objectContaining({ code: 'ADMIN_CONSENT_MISSING', hint: expect.stringContaining('consent') }),
      ],
    });
    expect(JSON.stringify(tested.body)).not.toMatch(/eyJ/);

    // A test never answers from a cache: once the certificate is gone, it fails at once.
    emulator.store.tenant(TENANT_ID)?.applicationByAppId(CLIENT_ID)?.keyCredentials?.splice(0);
    const after = await admin().post(`/api/credentials/${credentialId}/test`).expect(502);
    expect(after.body.reason).toBe('AADSTS700027');
  });

  it('refuses to point directory sync at a credential that does not exist', async () => {
    const refused = await admin()
      .put('/api/instances/northwind/sync/credential')
      .send({ credentialId: '0d0d0d0d-0000-4000-8000-000000000000' })
      .expect(404);
    expect(refused.body).toMatchObject({ reason: 'CREDENTIAL_NOT_FOUND', field: 'credentialId' });
  });

  it('refuses to delete a credential that directory sync uses, naming the user', async () => {
    await admin().put('/api/instances/northwind/sync/credential').send({ credentialId }).expect(200);
    const refused = await admin().delete(`/api/credentials/${credentialId}`).expect(409);
    expect(refused.body.detail).toBe(
      'the credential is in use by the directory sync of instance "northwind"; it was not deleted',
    );
    await admin().get(`/api/credentials/${credentialId}`).expect(200);

    await admin().put('/api/instances/northwind/sync/credential').send({}).expect(200);
    await admin().delete(`/api/credentials/${credentialId}`).expect(200);
    await admin().get(`/api/credentials/${credentialId}`).expect(404);
  });

  it('refuses a deletion it cannot check (directory sync down) rather than guess', async () => {
    const created = await admin()
      .post('/api/instances/northwind/credentials')
      .send({ name: 'Second', clientId: CLIENT_ID, tenantId: TENANT_ID })
      .expect(201);
    await platform.stop('directory-sync');
    const refused = await admin().delete(`/api/credentials/${created.body.id}`).expect(502);
    expect(refused.body.reason).toBe('USAGE_UNKNOWN');
    await admin().get(`/api/credentials/${created.body.id}`).expect(200);
  });

  it('validates paths and bodies with clear messages', async () => {
    const badId = await admin().get('/api/credentials/not-a-guid').expect(400);
    expect(badId.body.detail).toContain('id must be a credential id');
    const badBody = await admin()
      .post('/api/instances/northwind/credentials')
      .send({ name: 'x', clientId: CLIENT_ID, tenantId: TENANT_ID, privateKey: 'x' })
      .expect(400);
    expect(badBody.body.field).toBe('privateKey');
    const malformed = await admin()
      .post('/api/instances/northwind/credentials')
      .set('content-type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    const huge = await admin()
      .post('/api/instances/northwind/credentials/import')
      .send({ name: 'x', clientId: CLIENT_ID, tenantId: TENANT_ID, pfxBase64: 'A'.repeat(600_000) })
      .expect(413);
    expect(huge.body.detail).toContain('too large');
    // A PFX of realistic size (150 kB of base64) gets through to the certificate checks.
    const big = await admin()
      .post('/api/instances/northwind/credentials/import')
      .send({
        name: 'x',
        clientId: CLIENT_ID,
        tenantId: TENANT_ID,
        pfxBase64: 'A'.repeat(150_000),
        pfxPassword: 'p',
      })
      .expect(400);
    expect(big.body.reason).not.toBe(undefined);
  });
});
