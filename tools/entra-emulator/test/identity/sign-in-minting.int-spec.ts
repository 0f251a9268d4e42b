import * as oidc from 'openid-client';
import { discoverConnector, startIdentityHarness, type IdentityHarness } from './support/emulator-harness';
import { ALICE, CAROL, CONNECTOR_APP_ID, CONNECTOR_REDIRECT, TENANT_ID } from './support/identity-fixture';

describe('control API: sign-ins minted without the sign-in page (load tests)', () => {
  let harness: IdentityHarness;
  let config: oidc.Configuration;

  beforeAll(async () => {
    harness = await startIdentityHarness();
    config = await discoverConnector(harness);
  });
  afterAll(() => harness.emulator.close());

  const mint = (kind: string, body: object) =>
    harness.fetch(`${harness.emulator.url}/_emulator/tenants/${TENANT_ID}/sign-ins/${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('mints a code bound to nonce and PKCE challenge, which openid-client redeems and validates', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const nonce = oidc.randomNonce();
    const state = oidc.randomState();
    const response = await mint('code', {
      clientId: CONNECTOR_APP_ID,
      user: ALICE.upn,
      redirectUri: CONNECTOR_REDIRECT,
      scope: 'openid profile',
      nonce,
      state,
      codeChallenge: await oidc.calculatePKCECodeChallenge(verifier),
      codeChallengeMethod: 'S256',
    });
    expect(response.status).toBe(200);
    const minted = (await response.json()) as { code: string; state: string };
    expect(minted.state).toBe(state);
    const callback = new URL(CONNECTOR_REDIRECT);
    callback.search = new URLSearchParams(minted).toString();
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedNonce: nonce,
      expectedState: state,
    });
    expect(tokens.claims()).toMatchObject({ oid: ALICE.id, tid: TENANT_ID, nonce, aud: CONNECTOR_APP_ID });
    // A wrong verifier is refused as for a code from the page.
    const again = await mint('code', {
      clientId: CONNECTOR_APP_ID,
      user: ALICE.id,
      redirectUri: CONNECTOR_REDIRECT,
      codeChallenge: await oidc.calculatePKCECodeChallenge(verifier),
      codeChallengeMethod: 'S256',
    });
    const otherCallback = new URL(CONNECTOR_REDIRECT);
    otherCallback.searchParams.set('code', ((await again.json()) as { code: string }).code);
    await expect(
      oidc.authorizationCodeGrant(config, otherCallback, {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
      }),
    ).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/^AADSTS501481: /),
    });
  });

  it('mints an id_token with the nonce, signed by the published keys', async () => {
    const nonce = oidc.randomNonce();
    const response = await mint('id-token', {
      clientId: CONNECTOR_APP_ID,
      user: ALICE.upn,
      redirectUri: CONNECTOR_REDIRECT,
      nonce,
    });
    expect(response.status).toBe(200);
    const { id_token: idToken } = (await response.json()) as { id_token: string };
    const callback = new URL(CONNECTOR_REDIRECT);
    const implicitConfig = await oidc.discovery(
      new URL(`${harness.emulator.url}/${TENANT_ID}/v2.0`),
      CONNECTOR_APP_ID,
    );
    oidc.useIdTokenResponseType(implicitConfig);
    const tokens = await oidc.implicitAuthentication(
      implicitConfig,
      new Request(callback, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ id_token: idToken }),
      }),
      nonce,
    );
    expect(tokens).toMatchObject({ oid: ALICE.id, nonce, aud: CONNECTOR_APP_ID });
  });

  it('refuses what Entra refuses, with the AADSTS code: unregistered redirect URI, no nonce, disabled user', async () => {
    const cases: [object, number, number][] = [
      [{ clientId: CONNECTOR_APP_ID, user: ALICE.upn, redirectUri: 'https://evil.example/cb' }, 400, 50011],
      [{ clientId: CONNECTOR_APP_ID, user: CAROL.upn, redirectUri: CONNECTOR_REDIRECT }, 400, 50057],
    ];
    for (const [body, status, code] of cases) {
      const response = await mint('code', body);
      expect(response.status).toBe(status);
      const { error } = (await response.json()) as {
        error: { code: string; message: string; aadsts: number };
      };
      expect(error.aadsts).toBe(code);
      expect(error.message).toMatch(new RegExp(`^AADSTS${code}: `));
    }
    const noNonce = await mint('id-token', {
      clientId: CONNECTOR_APP_ID,
      user: ALICE.upn,
      redirectUri: CONNECTOR_REDIRECT,
    });
    expect(((await noNonce.json()) as { error: { aadsts: number } }).error.aadsts).toBe(90014);
    const missing = await mint('code', { user: ALICE.upn });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      error: { code: 'invalid_request', message: 'clientId is required.' },
    });
  });
});
