import { randomUUID } from 'node:crypto';
import { startIdentityHarness, type IdentityHarness } from './support/emulator-harness';
import {
  DISABLED_APP_ID,
  ALICE,
  BOB,
  CAROL,
  CONNECTOR_APP_ID,
  CONNECTOR_REDIRECT,
  TENANT_ID,
  UNCONSENTED_APP_ID,
} from './support/identity-fixture';
import { signInWithPassword } from '../../src';
import { signInThroughPages } from './support/page-sign-in';

describe('authorize endpoint: errors on the page or at the redirect URI, as Microsoft sends them', () => {
  let harness: IdentityHarness;
  beforeAll(async () => {
    harness = await startIdentityHarness();
  });
  afterAll(async () => harness.emulator.close());

  const authorizeUrl = (params: Record<string, string>, tenant = TENANT_ID) => {
    const url = new URL(`${harness.emulator.url}/${tenant}/oauth2/v2.0/authorize`);
    const defaults = {
      client_id: CONNECTOR_APP_ID,
      redirect_uri: CONNECTOR_REDIRECT,
      response_type: 'code',
      scope: 'openid profile',
      state: 'st-1',
    };
    for (const [name, value] of Object.entries({ ...defaults, ...params })) url.searchParams.set(name, value);
    return url;
  };

  it('a redirect URI not registered for the app: AADSTS50011 on the emulator page, never redirected', async () => {
    const response = await harness.fetch(authorizeUrl({ redirect_uri: 'https://evil.example/steal' }), {
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).toContain('AADSTS50011');
    expect(html).toContain(
      `does not match the redirect URIs configured for the application &#39;${CONNECTOR_APP_ID}&#39;`,
    );
  });

  it('unknown app (AADSTS700016) and unknown tenant (AADSTS90002) are shown on the page', async () => {
    const unknownApp = await harness.fetch(authorizeUrl({ client_id: randomUUID() }), { redirect: 'manual' });
    expect(unknownApp.status).toBe(400);
    expect(await unknownApp.text()).toContain('AADSTS700016');
    const unknownTenant = await harness.fetch(authorizeUrl({}, 'nowhere.example.com'), {
      redirect: 'manual',
    });
    expect(await unknownTenant.text()).toContain('AADSTS90002');
  });

  it('ID token issuance not enabled: AADSTS700054 sent back to the registered redirect URI', async () => {
    const response = await harness.fetch(
      authorizeUrl({ client_id: UNCONSENTED_APP_ID, response_type: 'id_token', nonce: 'n-1' }),
      { redirect: 'manual' },
    );
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(CONNECTOR_REDIRECT);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('error')).toBe('unsupported_response_type');
    expect(fragment.get('error_description')).toMatch(
      /^AADSTS700054: response_type 'id_token' is not enabled for the application\./,
    );
    expect(fragment.get('state')).toBe('st-1');
  });

  it('id_token without nonce and prompt=none without a session come back as errors', async () => {
    const noNonce = await harness.fetch(
      authorizeUrl({ response_type: 'id_token', response_mode: 'fragment' }),
      { redirect: 'manual' },
    );
    expect(
      new URLSearchParams(new URL(noNonce.headers.get('location') ?? '').hash.slice(1)).get(
        'error_description',
      ),
    ).toMatch(/^AADSTS90014: The required field 'nonce'/);
    const silent = await harness.fetch(authorizeUrl({ prompt: 'none' }), { redirect: 'manual' });
    const query = new URL(silent.headers.get('location') ?? '').searchParams;
    expect(query.get('error')).toBe('login_required');
    expect(query.get('error_description')).toMatch(/^AADSTS50058:/);
  });

  it('wrong password: AADSTS50126 on the sign-in page, the password never echoed', async () => {
    const secretTry = 'Not-Alices-Pa55';
    const outcome = await signInThroughPages(harness.fetch, authorizeUrl({}), ALICE.upn, secretTry);
    expect(outcome.status).toBe(200);
    expect(outcome.location).toBeUndefined();
    expect(outcome.html).toContain(
      'AADSTS50126: Error validating credentials due to invalid username or password.',
    );
    expect(outcome.html).not.toContain(secretTry);
  });

  it('unknown user (AADSTS50034) and disabled user (AADSTS50057) stay on the page', async () => {
    const unknown = await signInThroughPages(
      harness.fetch,
      authorizeUrl({}),
      'nobody@contoso.onmicrosoft.com',
      'x',
    );
    expect(unknown.html).toContain('AADSTS50034');
    const disabled = await signInThroughPages(harness.fetch, authorizeUrl({}), CAROL.upn, CAROL.password);
    expect(disabled.html).toContain('AADSTS50057');
  });

  it('login_hint fills in the user name; the code arrives in the query with the state', async () => {
    const pageResponse = await harness.fetch(authorizeUrl({ login_hint: BOB.upn }));
    // Microsoft's sign-in pages refuse to be framed.
    expect(pageResponse.headers.get('x-frame-options')).toBe('DENY');
    const page = await pageResponse.text();
    expect(page).toContain(`value="${BOB.upn}"`);
    const outcome = await signInThroughPages(harness.fetch, authorizeUrl({}), BOB.upn, BOB.password);
    const location = new URL(outcome.location ?? '');
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('st-1');
  });

  it('logout: back to a registered post_logout_redirect_uri, never to an unregistered one', async () => {
    const logout = (params: Record<string, string>) =>
      harness.fetch(
        `${harness.emulator.url}/${TENANT_ID}/oauth2/v2.0/logout?${new URLSearchParams(params).toString()}`,
        { redirect: 'manual' },
      );
    const registered = await logout({
      client_id: CONNECTOR_APP_ID,
      post_logout_redirect_uri: CONNECTOR_REDIRECT,
      state: 's-out',
    });
    expect(registered.status).toBe(302);
    expect(registered.headers.get('location')).toBe(`${CONNECTOR_REDIRECT}?state=s-out`);
    const unregistered = await logout({
      client_id: CONNECTOR_APP_ID,
      post_logout_redirect_uri: 'https://evil.example/',
    });
    expect(unregistered.status).toBe(200);
    expect(unregistered.headers.get('location')).toBeNull();
    expect(await unregistered.text()).toContain('You signed out of your account');
  });

  it('a sign-in form posted after its flow ended: AADSTS50089 on the page', async () => {
    const response = await harness.fetch(`${harness.emulator.url}/${TENANT_ID}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ flow: 'no-such-flow', login: ALICE.upn, passwd: ALICE.password }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('AADSTS50089');
  });

  it("signInWithPassword reports the page's AADSTS code, or the redirect", async () => {
    const wrong = await signInWithPassword({
      authorizeUrl: authorizeUrl({}),
      userPrincipalName: BOB.upn,
      password: 'nope',
      fetch: harness.fetch,
    });
    expect(wrong).toEqual({ status: 200, errorCode: 50126 });
    const badRedirect = await signInWithPassword({
      authorizeUrl: authorizeUrl({ redirect_uri: 'https://evil.example/' }),
      userPrincipalName: BOB.upn,
      password: BOB.password,
      fetch: harness.fetch,
    });
    expect(badRedirect).toEqual({ status: 400, errorCode: 50011 });
    const ok = await signInWithPassword({
      authorizeUrl: authorizeUrl({}),
      userPrincipalName: BOB.upn,
      password: BOB.password,
      fetch: harness.fetch,
    });
    expect(new URL(ok.redirect ?? '').searchParams.get('code')).toBeTruthy();
  });

  it('a disabled app: AADSTS7000112 on the page', async () => {
    const response = await harness.fetch(authorizeUrl({ client_id: DISABLED_APP_ID }), {
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('AADSTS7000112');
  });
});
