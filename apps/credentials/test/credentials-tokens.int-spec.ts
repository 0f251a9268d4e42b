import { X509Certificate } from 'node:crypto';
import { Client, type AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import {
  ErrorCode,
  Subjects,
  type CreateCredentialRequest,
  type CredentialView,
} from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import { ARCHIVE_APP, TENANT_DOMAIN, TENANT_ID } from './support/tenant-fixture';
import { CredentialsHarness, INSTANCE } from './support/credentials-harness';

/** Everything jest can fake but the clock: NATS, PostgreSQL and HTTPS keep their real timers. */
const REAL_TIMERS = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

/**
 * The administrator's first step end to end: create a credential, upload its certificate to the app
 * registration (through Graph, as the portal does), get a Graph token through the credentials
 * service, call Graph with it. Real HTTPS, the unmodified @azure/identity and Graph client, real NATS
 * and PostgreSQL.
 */
describe('credentials: generated certificate, upload, app tokens', () => {
  let harness: CredentialsHarness;
  let credential: CredentialView;

  beforeAll(async () => {
    harness = await CredentialsHarness.start();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('creates a credential with a generated RSA 2048 / SHA-256 certificate valid 15 months', async () => {
    credential = await harness.rpc.rpc.send(Subjects.CreateCredential, {
      instanceAlias: INSTANCE,
      name: 'Fabrikam archive',
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_DOMAIN,
    });
    const active = credential.activeCertificate;
    expect(credential).toMatchObject({
      instanceAlias: INSTANCE,
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_DOMAIN,
    });
    expect(active).toMatchObject({
      state: 'active',
      source: 'generated',
      keySize: 2048,
      subject: 'CN=Fabrikam archive',
    });
    const months = (Date.parse(active.notAfter) - Date.parse(active.notBefore)) / (30.44 * 86_400_000);
    expect(months).toBeGreaterThan(14.8);
    expect(months).toBeLessThan(15.3);
    expect(JSON.stringify(credential)).not.toMatch(/PRIVATE KEY|sealed/i);
  });

  it('downloads the certificate as DER (.cer) and PEM with matching thumbprints', async () => {
    const der = await harness.rpc.rpc.send(Subjects.DownloadCertificate, {
      credentialId: credential.id,
      format: 'der',
    });
    const x509 = new X509Certificate(Buffer.from(der.contentBase64, 'base64'));
    expect(der.fileName).toMatch(/^Fabrikam-archive-[0-9A-F]{8}\.cer$/);
    expect(der.contentType).toBe('application/pkix-cert');
    expect(x509.fingerprint.replace(/:/g, '')).toBe(credential.activeCertificate.thumbprintSha1);
    expect(x509.fingerprint256.replace(/:/g, '')).toBe(credential.activeCertificate.thumbprintSha256);
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);

    const pem = await harness.rpc.rpc.send(Subjects.DownloadCertificate, {
      credentialId: credential.id,
      format: 'pem',
    });
    const pemText = Buffer.from(pem.contentBase64, 'base64').toString('utf8');
    expect(pemText).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(pemText).not.toContain('PRIVATE KEY');
    expect(new X509Certificate(pemText).fingerprint256).toBe(x509.fingerprint256);
  });

  it('explains AADSTS700027 with a fix hint while the certificate is not uploaded', async () => {
    const error = await refusal(
      harness.rpc.rpc.send(Subjects.AcquireGraphToken, { credentialId: credential.id }),
    );
    expect(error).toBeInstanceOf(RpcCallError);
    expect(error.body.code).toBe(ErrorCode.DependencyFailed);
    expect(error.body.reason).toBe('AADSTS700027');
    expect(error.body.hint).toContain(credential.activeCertificate.thumbprintSha1);
  });

  it('gets a Graph token through the service once the certificate is uploaded, and Graph accepts it', async () => {
    const der = await harness.rpc.rpc.send(Subjects.DownloadCertificate, {
      credentialId: credential.id,
      format: 'der',
    });
    await harness.uploadCertificate(ARCHIVE_APP.objectId, der.contentBase64, 'archive');

    const token = await harness.rpc.rpc.send(Subjects.AcquireGraphToken, {
      credentialId: credential.id,
    });
    const claims = JSON.parse(Buffer.from(token.accessToken.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      tid: TENANT_ID,
      appid: ARCHIVE_APP.appId,
      roles: ['Directory.Read.All'],
    });
    expect(Date.parse(token.expiresOn) - Date.now()).toBeGreaterThan(50 * 60_000);

    // Another service's view: it asks the credentials service for the token, then calls Graph.
    const viaService: AuthenticationProvider = {
      getAccessToken: async () =>
        (await harness.rpc.rpc.send(Subjects.AcquireGraphToken, { credentialId: credential.id })).accessToken,
    };
    const graph = Client.initWithMiddleware({
      baseUrl: harness.emulator.url,
      authProvider: viaService,
      customHosts: new Set(['localhost']),
      fetchOptions: harness.fetchOptions,
    });
    const users = (await graph.api('/users').select('id,userPrincipalName').get()) as {
      value: { userPrincipalName: string }[];
    };
    expect(users.value.map((user) => user.userPrincipalName).sort()).toEqual([
      `ada@${TENANT_DOMAIN}`,
      `alan@${TENANT_DOMAIN}`,
    ]);
  });

  it('serves 200 concurrent requests with one cached token (single flight)', async () => {
    await harness.rpc.rpc.send(Subjects.UpdateCredential, {
      credentialId: credential.id,
      name: 'Fabrikam archive',
    }); // drops the cache
    const tokenRequestsBefore = harness.emulator.requests.token;
    const tokens = await Promise.all(
      Array.from({ length: 200 }, () =>
        harness.rpc.rpc.send(Subjects.AcquireGraphToken, { credentialId: credential.id }),
      ),
    );
    // Each token the emulator issues has its own id (uti) and signature: one distinct token means one request.
    expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
    expect(harness.emulator.requests.token - tokenRequestsBefore).toBe(1);
  });

  it('asks for the token in the tenant the caller names, and caches per tenant', async () => {
    const own = await harness.rpc.rpc.send(Subjects.AcquireGraphToken, {
      credentialId: credential.id,
      tenantId: TENANT_ID,
    });
    const claims = JSON.parse(Buffer.from(own.accessToken.split('.')[1], 'base64url').toString('utf8'));
    expect(claims.tid).toBe(TENANT_ID);
    // Another tenant is a request of its own, not the cached token: this one does not exist.
    const elsewhere = await harness.rpc.rpc
      .send(Subjects.AcquireGraphToken, {
        credentialId: credential.id,
        tenantId: 'c0ffee00-0000-4000-8000-0000000000aa',
      })
      .catch((e: unknown) => e as RpcCallError);
    expect(elsewhere).toBeInstanceOf(RpcCallError);
    expect((elsewhere as RpcCallError).body).toMatchObject({ reason: 'AADSTS90002' });
    // The named tenant's token is cached under that tenant.
    const again = await harness.rpc.rpc.send(Subjects.AcquireGraphToken, {
      credentialId: credential.id,
      tenantId: TENANT_ID,
    });
    expect(again.accessToken).toBe(own.accessToken);
  });

  it('serves each resource on its own subject, with its own token and cache, and takes no resource from the caller', async () => {
    const graph = () => harness.rpc.rpc.send(Subjects.AcquireGraphToken, { credentialId: credential.id });
    const exchange = () =>
      harness.rpc.rpc.send(Subjects.AcquireExchangeToken, { credentialId: credential.id });
    const audience = (token: { accessToken: string }) =>
      (
        JSON.parse(Buffer.from(token.accessToken.split('.')[1], 'base64url').toString('utf8')) as {
          aud: string;
        }
      ).aud;
    const [graphToken, exchangeToken] = [await graph(), await exchange()];
    expect(audience(graphToken)).toBe('https://graph.microsoft.com');
    expect(audience(exchangeToken)).toBe('https://outlook.office365.com');
    const requestsBefore = harness.emulator.requests.token;
    expect((await exchange()).accessToken).toBe(exchangeToken.accessToken);
    expect((await graph()).accessToken).toBe(graphToken.accessToken);
    expect(harness.emulator.requests.token).toBe(requestsBefore);
    // A resource named in the request (what an old or hostile caller could send) is refused, not obeyed.
    const named = await refusal(
      harness.rpc.rpc.send(Subjects.AcquireGraphToken, {
        credentialId: credential.id,
        ...({ scope: 'https://outlook.office365.com/.default' } as object),
      }),
    );
    expect(named.body).toMatchObject({ code: ErrorCode.ValidationFailed, field: 'scope' });
  });

  it('keeps a cached token until the refresh margin before it expires, then renews it once', async () => {
    const acquire = () => harness.rpc.rpc.send(Subjects.AcquireGraphToken, { credentialId: credential.id });
    const first = await acquire();
    const renewFrom =
      Date.parse(first.expiresOn) - harness.service.config.TOKEN_REFRESH_MARGIN_SECONDS * 1000;
    const requestsBefore = harness.emulator.requests.token;
    // Only the clock moves (service, MSAL and emulator share this process); timers stay real.
    jest.useFakeTimers({ doNotFake: [...REAL_TIMERS], now: renewFrom - 60_000 });
    try {
      const stillFresh = await acquire();
      expect(stillFresh.accessToken).toBe(first.accessToken);
      expect(harness.emulator.requests.token).toBe(requestsBefore);

      jest.setSystemTime(renewFrom + 1_000);
      const renewed = await acquire();
      expect(renewed.accessToken).not.toBe(first.accessToken);
      expect(Date.parse(renewed.expiresOn)).toBeGreaterThan(Date.parse(first.expiresOn));
      expect(harness.emulator.requests.token).toBe(requestsBefore + 1);

      // The renewed token is cached in turn.
      expect((await acquire()).accessToken).toBe(renewed.accessToken);
      expect(harness.emulator.requests.token).toBe(requestsBefore + 1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('names an unknown tenant (AADSTS90002), which MSAL alone reports as an unreachable authority', async () => {
    const stray = await harness.rpc.rpc.send(Subjects.CreateCredential, {
      instanceAlias: INSTANCE,
      name: 'Typo in tenant',
      clientId: ARCHIVE_APP.appId,
      tenantId: 'fabrikam-typo.onmicrosoft.com',
    });
    const error = await refusal(harness.rpc.rpc.send(Subjects.AcquireGraphToken, { credentialId: stray.id }));
    expect(error.body).toMatchObject({ code: ErrorCode.DependencyFailed, reason: 'AADSTS90002' });
    expect(error.body.hint).toMatch(/tenant/i);
  });

  it('refuses invalid input with the field at fault, and stores nothing', async () => {
    // Bypasses the compile-time check on purpose: what a buggy or hostile caller could send.
    const bad = (payload: object) =>
      refusal(harness.rpc.rpc.send(Subjects.CreateCredential, payload as CreateCredentialRequest));
    const base = { instanceAlias: INSTANCE, name: 'x', clientId: ARCHIVE_APP.appId, tenantId: TENANT_ID };
    const before = await harness.rpc.rpc.send(Subjects.ListCredentials, { instanceAlias: INSTANCE });
    expect((await bad({ ...base, clientId: 'not-a-guid' })).body).toMatchObject({
      code: ErrorCode.ValidationFailed,
      field: 'clientId',
    });
    expect((await bad({ ...base, tenantId: 'not a tenant' })).body).toMatchObject({ field: 'tenantId' });
    expect((await bad({ ...base, certificate: { validityMonths: 37 } })).body).toMatchObject({
      field: 'certificate.validityMonths',
    });
    expect((await bad({ ...base, certificate: { keySize: 1024 } })).body.message).toContain(
      '2048, 3072 or 4096',
    );
    expect((await bad({ ...base, instanceAlias: 'nowhere' })).body).toMatchObject({
      code: ErrorCode.NotFound,
      field: 'instanceAlias',
    });
    const all = await harness.rpc.rpc.send(Subjects.ListCredentials, { instanceAlias: INSTANCE });
    expect(all).toHaveLength(before.length);
  });
});

/** The error a request was refused with; fails the test if it was answered. */
async function refusal(request: Promise<unknown>): Promise<RpcCallError> {
  try {
    await request;
  } catch (error) {
    if (error instanceof RpcCallError) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}
