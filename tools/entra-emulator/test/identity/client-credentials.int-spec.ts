import { ClientCertificateCredential, ClientSecretCredential, type AccessToken } from '@azure/identity';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startIdentityHarness, type IdentityHarness } from './support/emulator-harness';
import {
  CONNECTOR_APP_ID,
  CONNECTOR_SECRET,
  TENANT_DOMAIN,
  TENANT_ID,
  UNCONSENTED_APP_ID,
} from './support/identity-fixture';

const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default';

describe('client credentials with the unmodified @azure/identity', () => {
  let harness: IdentityHarness;
  beforeAll(async () => {
    harness = await startIdentityHarness();
  });
  afterAll(async () => harness.emulator.close());

  const certificateCredential = (clientId: string, tenant = TENANT_ID) =>
    new ClientCertificateCredential(
      tenant,
      clientId,
      { certificate: harness.certs.valid.keyPem + harness.certs.valid.certPem },
      { authorityHost: harness.emulator.url, disableInstanceDiscovery: true },
    );

  it('issues a v1.0 Graph app token with the consented roles for a PS256 certificate assertion', async () => {
    const token: AccessToken = await certificateCredential(CONNECTOR_APP_ID).getToken(GRAPH_DEFAULT);
    const claims = decodeJwt(token.token);
    expect(decodeProtectedHeader(token.token)).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(claims).toMatchObject({
      iss: `https://sts.windows.net/${TENANT_ID}/`,
      aud: 'https://graph.microsoft.com',
      appid: CONNECTOR_APP_ID,
      idtyp: 'app',
      oid: 'b1b1b1b1-0000-4000-8000-000000000001',
      tid: TENANT_ID,
      ver: '1.0',
      roles: ['Directory.Read.All'],
      appidacr: '2',
    });
    expect((claims.exp as number) - (claims.iat as number)).toBeGreaterThanOrEqual(3599);
    expect(token.expiresOnTimestamp - Date.now()).toBeGreaterThan(3500 * 1000);
  });

  it('omits roles when nothing was consented to the app', async () => {
    const token = await certificateCredential(UNCONSENTED_APP_ID).getToken(GRAPH_DEFAULT);
    const claims = decodeJwt(token.token);
    expect(claims.appid).toBe(UNCONSENTED_APP_ID);
    expect(claims).not.toHaveProperty('roles');
  });

  it('accepts the tenant by verified domain and a client secret', async () => {
    const credential = new ClientSecretCredential(TENANT_DOMAIN, CONNECTOR_APP_ID, CONNECTOR_SECRET, {
      authorityHost: harness.emulator.url,
      disableInstanceDiscovery: true,
    });
    const claims = decodeJwt((await credential.getToken(GRAPH_DEFAULT)).token);
    expect(claims).toMatchObject({ tid: TENANT_ID, appidacr: '1', roles: ['Directory.Read.All'] });
  });

  it('issues an Exchange Online token with full_access_as_app, by identifier URI or appId', async () => {
    const byUri = decodeJwt(
      (await certificateCredential(CONNECTOR_APP_ID).getToken('https://outlook.office365.com/.default'))
        .token,
    );
    expect(byUri).toMatchObject({
      aud: 'https://outlook.office365.com',
      roles: ['full_access_as_app'],
      ver: '1.0',
    });
    const byAppId = decodeJwt(
      (
        await certificateCredential(CONNECTOR_APP_ID).getToken(
          '00000002-0000-0ff1-ce00-000000000000/.default',
        )
      ).token,
    );
    expect(byAppId).toMatchObject({
      aud: '00000002-0000-0ff1-ce00-000000000000',
      roles: ['full_access_as_app'],
    });
  });
});
