import { generateKeyPairSync } from 'node:crypto';
import { ClientCertificateCredential } from '@azure/identity';
import { Client, GraphError, type AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { emulatorDispatcher } from '../../src';
import { startIdentityHarness, type IdentityHarness } from './support/emulator-harness';
import { CONNECTOR_APP_ID, CONNECTOR_SECRET, TENANT_ID } from './support/identity-fixture';

describe('Graph behind the identity half: the unmodified Graph client with emulator tokens', () => {
  let harness: IdentityHarness;
  let credential: ClientCertificateCredential;
  beforeAll(async () => {
    harness = await startIdentityHarness();
    credential = new ClientCertificateCredential(
      TENANT_ID,
      CONNECTOR_APP_ID,
      { certificate: harness.certs.valid.keyPem + harness.certs.valid.certPem },
      {
        authorityHost: harness.emulator.url,
        disableInstanceDiscovery: true,
      },
    );
  });
  afterAll(async () => harness.emulator.close());

  const graphClient = (authProvider: AuthenticationProvider) =>
    Client.initWithMiddleware({
      authProvider,
      baseUrl: harness.emulator.url,
      customHosts: new Set(['localhost']),
      // The undici package and Node's bundled fetch declare the same Dispatcher in different type files.
      fetchOptions: { dispatcher: emulatorDispatcher(harness.emulator.caCertPem) } as unknown as RequestInit,
    });

  it('reads the organization with an app token that holds Directory.Read.All', async () => {
    const client = graphClient(
      new TokenCredentialAuthenticationProvider(credential, {
        scopes: ['https://graph.microsoft.com/.default'],
      }),
    );
    const organization = (await client.api('/organization').get()) as { value: { id: string }[] };
    expect(organization.value.map((org) => org.id)).toEqual([TENANT_ID]);
  });

  it('answers 401 InvalidAuthenticationToken for a forged token', async () => {
    const genuine = (await credential.getToken('https://graph.microsoft.com/.default')).token;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT(decodeJwt(genuine))
      .setProtectedHeader(decodeProtectedHeader(genuine) as { alg: string })
      .sign(privateKey);
    const client = graphClient({ getAccessToken: async () => forged });
    const failure = await client
      .api('/organization')
      .get()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(GraphError);
    expect(failure).toMatchObject({ statusCode: 401, code: 'InvalidAuthenticationToken' });
  });

  it('injected faults reach the token endpoint: a 429 with Retry-After, then a token', async () => {
    const rule = harness.emulator.faults.add({
      kind: 'throttle',
      pathPrefix: `/${TENANT_ID}/oauth2/v2.0/token`,
      retryAfterSeconds: 2,
      times: 1,
    });
    try {
      const post = () =>
        harness.fetch(`${harness.emulator.url}/${TENANT_ID}/oauth2/v2.0/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: CONNECTOR_APP_ID,
            client_secret: CONNECTOR_SECRET,
            scope: 'https://graph.microsoft.com/.default',
          }),
        });
      const throttled = await post();
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('2');
      expect((await post()).status).toBe(200);
    } finally {
      harness.emulator.faults.remove(rule.id);
    }
  });
});
