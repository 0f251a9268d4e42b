import { createHash, createPrivateKey, randomUUID } from 'node:crypto';
import {
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
} from '@azure/identity';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { certificateDer } from '../../src/tls/pem';
import { makeClientAssertion } from './support/client-assertion';
import { startIdentityHarness, type IdentityHarness } from './support/emulator-harness';
import { expectAadsts } from './support/expect-aadsts';
import {
  DISABLED_APP_ID,
  CONNECTOR_APP_ID,
  CONNECTOR_SECRET,
  EXPIRED_SECRET,
  NO_SP_APP_ID,
  TENANT_ID,
} from './support/identity-fixture';

const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default';

describe("client credentials: Microsoft's failures through the unmodified @azure/identity", () => {
  let harness: IdentityHarness;
  let tokenEndpoint: string;
  beforeAll(async () => {
    harness = await startIdentityHarness();
    tokenEndpoint = `${harness.emulator.url}/${TENANT_ID}/oauth2/v2.0/token`;
  });
  afterAll(async () => harness.emulator.close());

  const options = () => ({ authorityHost: harness.emulator.url, disableInstanceDiscovery: true });
  const withCertificate = (
    keyPem: string,
    certPem: string,
    clientId = CONNECTOR_APP_ID,
    tenant = TENANT_ID,
  ) => new ClientCertificateCredential(tenant, clientId, { certificate: keyPem + certPem }, options());
  const withAssertion = (assertion: string, clientId = CONNECTOR_APP_ID) =>
    new ClientAssertionCredential(TENANT_ID, clientId, async () => assertion, options());

  it('unknown tenant: AADSTS90002 on discovery and on the token endpoint', async () => {
    const unknown = randomUUID();
    // As against Microsoft, MSAL fails at discovery and reports it as an endpoint resolution error.
    await expect(
      withCertificate(
        harness.certs.valid.keyPem,
        harness.certs.valid.certPem,
        CONNECTOR_APP_ID,
        unknown,
      ).getToken(GRAPH_DEFAULT),
    ).rejects.toThrow(/endpoints_resolution_error/);
    const token = await harness.fetch(`${harness.emulator.url}/${unknown}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CONNECTOR_APP_ID,
        client_secret: CONNECTOR_SECRET,
        scope: GRAPH_DEFAULT,
      }),
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
    const discovery = await harness.fetch(
      `${harness.emulator.url}/${unknown}/v2.0/.well-known/openid-configuration`,
    );
    expect(discovery.status).toBe(400);
    const body = (await discovery.json()) as {
      error: string;
      error_codes: number[];
      error_description: string;
    };
    expect(body.error).toBe('invalid_tenant');
    expect(body.error_codes).toEqual([90002]);
    expect(body.error_description).toMatch(
      /^AADSTS90002: Tenant '.+' not found\..*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s,
    );
  });

  it('unknown application: AADSTS700016', async () => {
    await expectAadsts(
      withCertificate(harness.certs.valid.keyPem, harness.certs.valid.certPem, randomUUID()).getToken(
        GRAPH_DEFAULT,
      ),
      700016,
      /was not found in the directory 'Contoso'/,
    );
  });

  it('certificate not registered: AADSTS700027 naming the thumbprint', async () => {
    const text = await expectAadsts(
      withCertificate(harness.certs.unregistered.keyPem, harness.certs.unregistered.certPem).getToken(
        GRAPH_DEFAULT,
      ),
      700027,
      /The key was not found/,
    );
    expect(text).toMatch(/Thumbprint of key used by client: '[0-9A-F]{40,64}'/);
  });

  it('certificate expired or not yet valid: AADSTS700027 with the reason', async () => {
    await expectAadsts(
      withCertificate(harness.certs.expired.keyPem, harness.certs.expired.certPem).getToken(GRAPH_DEFAULT),
      700027,
      /The key used is expired\., Thumbprint of key used by client: '[0-9A-F]+', Found key 'Start=\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d, End=/,
    );
    await expectAadsts(
      withCertificate(harness.certs.notYetValid.keyPem, harness.certs.notYetValid.certPem).getToken(
        GRAPH_DEFAULT,
      ),
      700027,
      /not yet valid/,
    );
  });

  it('assertion signed by another key than the certificate named: AADSTS700027 invalid signature', async () => {
    await expectAadsts(
      withCertificate(harness.certs.unregistered.keyPem, harness.certs.valid.certPem).getToken(GRAPH_DEFAULT),
      700027,
      /did not match the expected signature/,
    );
  });

  it('accepts the older RS256 + x5t (SHA-1) assertion, and a repeated jti', async () => {
    const assertion = await makeClientAssertion({
      certificate: harness.certs.valid,
      alg: 'RS256',
      clientId: CONNECTOR_APP_ID,
      audience: tokenEndpoint,
    });
    expect(decodeProtectedHeader(assertion)).toHaveProperty('x5t');
    const first = await withAssertion(assertion).getToken(GRAPH_DEFAULT);
    const second = await withAssertion(assertion).getToken(GRAPH_DEFAULT);
    expect(decodeJwt(first.token).roles).toEqual(['Directory.Read.All']);
    expect(decodeJwt(second.token).uti).not.toBe(decodeJwt(first.token).uti);
  });

  it('assertion claims of the wrong type: AADSTS50027 (400), never a server error', async () => {
    const der = certificateDer(harness.certs.valid.certPem);
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: CONNECTOR_APP_ID,
      sub: CONNECTOR_APP_ID,
      aud: tokenEndpoint,
      jti: randomUUID(),
      nbf: now,
      iat: now,
      exp: now + 600,
    };
    for (const wrong of [{ iss: 5, sub: 5 }, { nbf: 'now', iat: 'now' }, { exp: '600' }]) {
      const assertion = await new SignJWT({ ...claims, ...wrong } as Record<string, unknown>)
        .setProtectedHeader({
          alg: 'PS256',
          'x5t#S256': createHash('sha256').update(der).digest('base64url'),
        })
        .sign(createPrivateKey(harness.certs.valid.keyPem));
      const reply = await harness.fetch(tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: CONNECTOR_APP_ID,
          scope: GRAPH_DEFAULT,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
        }),
      });
      expect(reply.status).toBe(400);
      expect(await reply.json()).toMatchObject({ error: 'invalid_request', error_codes: [50027] });
    }
  });

  it('wrong assertion audience: AADSTS700023', async () => {
    const assertion = await makeClientAssertion({
      certificate: harness.certs.valid,
      alg: 'PS256',
      clientId: CONNECTOR_APP_ID,
      audience: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    });
    await expectAadsts(withAssertion(assertion).getToken(GRAPH_DEFAULT), 700023);
  });

  it('assertion issued for another client: AADSTS700021', async () => {
    const assertion = await makeClientAssertion({
      certificate: harness.certs.valid,
      alg: 'PS256',
      clientId: CONNECTOR_APP_ID,
      issuer: randomUUID(),
      audience: tokenEndpoint,
    });
    await expectAadsts(withAssertion(assertion).getToken(GRAPH_DEFAULT), 700021);
  });

  it('expired assertion: AADSTS700024', async () => {
    const assertion = await makeClientAssertion({
      certificate: harness.certs.valid,
      alg: 'PS256',
      clientId: CONNECTOR_APP_ID,
      audience: tokenEndpoint,
      notBeforeOffset: -3600,
      expiresInSeconds: 600,
    });
    await expectAadsts(
      withAssertion(assertion).getToken(GRAPH_DEFAULT),
      700024,
      /not within its valid time range/,
    );
  });

  it("moving the emulator clock: MSAL still gets tokens (assertions carry the client's time), until the certificate expires", async () => {
    const credential = () =>
      new ClientCertificateCredential(
        TENANT_ID,
        CONNECTOR_APP_ID,
        { certificate: harness.certs.valid.keyPem + harness.certs.valid.certPem },
        options(),
      );
    harness.emulator.store.clock.advance(8 * 24 * 60 * 60 * 1000);
    try {
      const eightDaysOn = decodeJwt((await credential().getToken(GRAPH_DEFAULT)).token);
      expect((eightDaysOn.iat as number) * 1000).toBeGreaterThan(Date.now() + 7 * 24 * 60 * 60 * 1000);
      // The registered certificate ends 300 days from now: a year on, it has expired.
      harness.emulator.store.clock.advance(365 * 24 * 60 * 60 * 1000);
      await expectAadsts(credential().getToken(GRAPH_DEFAULT), 700027, /The key used is expired/);
    } finally {
      harness.emulator.store.clock.reset();
    }
  });

  it('scopes: delegated scope (AADSTS1002012), two resources (AADSTS28000), .default twice (AADSTS70011), unknown resource (AADSTS500011)', async () => {
    const credential = withCertificate(harness.certs.valid.keyPem, harness.certs.valid.certPem);
    await expectAadsts(credential.getToken('https://graph.microsoft.com/User.Read'), 1002012);
    await expectAadsts(
      credential.getToken(['https://graph.microsoft.com/.default', 'https://outlook.office365.com/.default']),
      28000,
    );
    await expectAadsts(
      credential.getToken([
        'https://graph.microsoft.com/.default',
        '00000003-0000-0000-c000-000000000000/.default',
      ]),
      70011,
    );
    await expectAadsts(credential.getToken('https://unknown.example.com/.default'), 500011);
  });

  it('client secrets: wrong (AADSTS7000215) and expired (AADSTS7000222), never echoed', async () => {
    const secretCredential = (secret: string) =>
      new ClientSecretCredential(TENANT_ID, CONNECTOR_APP_ID, secret, options());
    const wrong = await expectAadsts(
      secretCredential(`${CONNECTOR_SECRET}-wrong`).getToken(GRAPH_DEFAULT),
      7000215,
    );
    expect(wrong).not.toContain(CONNECTOR_SECRET);
    const expired = await expectAadsts(secretCredential(EXPIRED_SECRET).getToken(GRAPH_DEFAULT), 7000222);
    expect(expired).not.toContain(EXPIRED_SECRET);
  });

  it('app without a service principal in the tenant: AADSTS7000229', async () => {
    await expectAadsts(
      withCertificate(harness.certs.valid.keyPem, harness.certs.valid.certPem, NO_SP_APP_ID).getToken(
        GRAPH_DEFAULT,
      ),
      7000229,
    );
  });

  it("answers Microsoft's error body on the wire: 401 invalid_client with codes, trace and correlation ids", async () => {
    const correlationId = randomUUID();
    const response = await harness.fetch(tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'client-request-id': correlationId },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CONNECTOR_APP_ID,
        client_secret: 'nope',
        scope: GRAPH_DEFAULT,
      }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      error: 'invalid_client',
      error_codes: [7000215],
      correlation_id: correlationId,
      error_uri: `${harness.emulator.url}/error?code=7000215`,
    });
    expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    const errorPage = await harness.fetch(String(body.error_uri));
    expect(await errorPage.text()).toContain('AADSTS7000215');
  });

  it('requests without grant type or credential: AADSTS900144 and AADSTS7000218', async () => {
    const post = (form: Record<string, string>) =>
      harness.fetch(tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      });
    const noGrant = await post({ client_id: CONNECTOR_APP_ID });
    expect(noGrant.status).toBe(400);
    expect(((await noGrant.json()) as { error_codes: number[] }).error_codes).toEqual([900144]);
    const viaGet = await harness.fetch(tokenEndpoint);
    expect(viaGet.status).toBe(400);
    expect(((await viaGet.json()) as { error_codes: number[] }).error_codes).toEqual([900561]);
    const noCredential = await post({
      grant_type: 'client_credentials',
      client_id: CONNECTOR_APP_ID,
      scope: GRAPH_DEFAULT,
    });
    expect(noCredential.status).toBe(401);
    expect(((await noCredential.json()) as { error_codes: number[] }).error_codes).toEqual([7000218]);
  });

  it('app disabled in the tenant (service principal accountEnabled false): AADSTS7000112', async () => {
    await expectAadsts(
      withCertificate(harness.certs.valid.keyPem, harness.certs.valid.certPem, DISABLED_APP_ID).getToken(
        GRAPH_DEFAULT,
      ),
      7000112,
      /is disabled/,
    );
  });
});
