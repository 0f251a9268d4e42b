import { ClientSecretCredential } from '@azure/identity';
import { decodeJwt } from 'jose';
import { startIdentityHarness, type IdentityHarness } from './support/emulator-harness';
import { expectAadsts } from './support/expect-aadsts';
import { CONNECTOR_APP_ID, CONNECTOR_REDIRECT, TENANT_ID } from './support/identity-fixture';
import {
  FABRIKAM_ADMIN,
  FABRIKAM_ID,
  FABRIKAM_USER,
  multiTenantFixture,
  PROVIDER_APP_ID,
  PROVIDER_SECRET,
} from './support/multi-tenant-fixture';
import { signInThroughPages } from './support/page-sign-in';

const REDIRECT = 'https://provider.example/admin-consent/done';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

describe('multi-tenant apps: service principal required, admin consent endpoint', () => {
  let harness: IdentityHarness;

  beforeAll(async () => {
    harness = await startIdentityHarness([REDIRECT], multiTenantFixture);
  });
  afterAll(() => harness.emulator.close());

  const providerCredential = (tenantId: string) =>
    new ClientSecretCredential(tenantId, PROVIDER_APP_ID, PROVIDER_SECRET, {
      authorityHost: harness.emulator.url,
      disableInstanceDiscovery: true,
    });

  const authorizeUrl = (segment: string, clientId: string, redirectUri: string) => {
    const url = new URL(`${harness.emulator.url}/${segment}/oauth2/v2.0/authorize`);
    url.search = new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid profile',
      state: 'st-1',
    }).toString();
    return url;
  };

  const adminConsentUrl = (segment: string, state = 'consent-state') => {
    const url = new URL(`${harness.emulator.url}/${segment}/v2.0/adminconsent`);
    url.search = new URLSearchParams({
      client_id: PROVIDER_APP_ID,
      scope: 'https://graph.microsoft.com/.default',
      redirect_uri: REDIRECT,
      state,
    }).toString();
    return url;
  };

  /** Sign in on the admin consent page and press Accept or Cancel, as a browser would. */
  async function consentThroughPages(
    segment: string,
    who: { upn: string; password: string },
    decision: 'accept' | 'cancel',
  ): Promise<URL> {
    const signedIn = await signInThroughPages(harness.fetch, adminConsentUrl(segment), who.upn, who.password);
    if (signedIn.location) return new URL(signedIn.location);
    expect(signedIn.html).toContain('Permissions requested');
    const flow = /name="flow" value="([^"]+)"/.exec(signedIn.html)?.[1] ?? '';
    const action = /<form method="post" action="([^"]+)"/.exec(signedIn.html)?.[1] ?? '';
    const decided = await harness.fetch(new URL(action, harness.emulator.url), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ flow, decision }),
    });
    expect(decided.status).toBe(302);
    return new URL(decided.headers.get('location') ?? '');
  }

  it('refuses a token in a tenant without the service principal (AADSTS7000229)', async () => {
    await expectAadsts(
      providerCredential(FABRIKAM_ID).getToken('https://graph.microsoft.com/.default'),
      7000229,
      `The client application ${PROVIDER_APP_ID} is missing service principal in the tenant ${FABRIKAM_ID}`,
    );
    // At home the app works as usual.
    const home = await providerCredential(TENANT_ID).getToken('https://graph.microsoft.com/.default');
    expect(decodeJwt(home.token).tid).toBe(TENANT_ID);
  });

  it('refuses a user sign-in from a tenant without the service principal (AADSTS90094, on the page)', async () => {
    const outcome = await signInThroughPages(
      harness.fetch,
      authorizeUrl('organizations', PROVIDER_APP_ID, REDIRECT),
      FABRIKAM_USER.upn,
      FABRIKAM_USER.password,
    );
    expect(outcome.status).toBe(400);
    expect(outcome.location).toBeUndefined();
    expect(outcome.html).toContain(
      'AADSTS90094: Archive Provider needs permission to access resources in your organization that only an admin can grant.',
    );
  });

  it("refuses another tenant's user on a single-tenant app (AADSTS50020)", async () => {
    const outcome = await signInThroughPages(
      harness.fetch,
      authorizeUrl('organizations', CONNECTOR_APP_ID, CONNECTOR_REDIRECT),
      FABRIKAM_USER.upn,
      FABRIKAM_USER.password,
    );
    expect(outcome.status).toBe(400);
    expect(outcome.html).toContain(
      `AADSTS50020: User account &#39;${FABRIKAM_USER.upn}&#39; from identity provider &#39;https://sts.windows.net/${FABRIKAM_ID}/&#39; does not exist in tenant`,
    );
  });

  it('sends a non-administrator back to the app with access_denied (AADSTS90094)', async () => {
    const back = await consentThroughPages('organizations', FABRIKAM_USER, 'accept');
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('error_description')).toMatch(
      /^AADSTS90094: Archive Provider needs permission/,
    );
    expect(back.searchParams.get('state')).toBe('consent-state');
    expect(
      harness.emulator.store.tenant(FABRIKAM_ID)?.servicePrincipalByAppId(PROVIDER_APP_ID),
    ).toBeUndefined();
  });

  it('answers Cancel with access_denied, error_subcode=cancel (AADSTS65004)', async () => {
    const back = await consentThroughPages(FABRIKAM_ID, FABRIKAM_ADMIN, 'cancel');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('error_subcode')).toBe('cancel');
    expect(back.searchParams.get('error_description')).toMatch(
      /^AADSTS65004: User declined to consent to access the app\.\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: /,
    );
    expect(
      harness.emulator.store.tenant(FABRIKAM_ID)?.servicePrincipalByAppId(PROVIDER_APP_ID),
    ).toBeUndefined();
  });

  it('shows an unregistered redirect URI on its own page (AADSTS50011), never redirecting', async () => {
    const url = adminConsentUrl('organizations');
    url.searchParams.set('redirect_uri', 'https://evil.example/steal');
    const response = await harness.fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('AADSTS50011');
  });

  it('after an administrator accepts, the app gets tokens with the consented roles in that tenant', async () => {
    const back = await consentThroughPages('organizations', FABRIKAM_ADMIN, 'accept');
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(Object.fromEntries(back.searchParams)).toEqual({
      admin_consent: 'True',
      tenant: FABRIKAM_ID,
      scope: 'https://graph.microsoft.com/.default',
      state: 'consent-state',
    });
    const fabrikam = harness.emulator.store.tenant(FABRIKAM_ID);
    const servicePrincipal = fabrikam?.servicePrincipalByAppId(PROVIDER_APP_ID);
    expect(servicePrincipal).toMatchObject({
      appOwnerOrganizationId: TENANT_ID,
      displayName: 'Archive Provider',
    });
    const token = await providerCredential(FABRIKAM_ID).getToken('https://graph.microsoft.com/.default');
    expect(decodeJwt(token.token)).toMatchObject({
      tid: FABRIKAM_ID,
      appid: PROVIDER_APP_ID,
      roles: ['Directory.Read.All'],
      aud: 'https://graph.microsoft.com',
    });
    const graph = fabrikam?.servicePrincipalByAppId(GRAPH_APP_ID);
    expect(fabrikam?.delegatedGrantsOf(servicePrincipal?.id ?? '')).toEqual([
      expect.objectContaining({ consentType: 'AllPrincipals', resourceId: graph?.id, scope: 'User.Read' }),
    ]);
    // Users of the tenant may now sign in.
    const outcome = await signInThroughPages(
      harness.fetch,
      authorizeUrl('organizations', PROVIDER_APP_ID, REDIRECT),
      FABRIKAM_USER.upn,
      FABRIKAM_USER.password,
    );
    expect(new URL(outcome.location ?? '').searchParams.get('code')).toBeTruthy();
  });
});
