import * as oidc from 'openid-client';
import { signInWithPassword } from '../../src';
import { discoverConnector, startIdentityHarness, type IdentityHarness } from './support/emulator-harness';
import {
  ALICE,
  CONNECTOR_APP_ID,
  CONNECTOR_REDIRECT,
  CONNECTOR_SECRET,
  TENANT_ID,
} from './support/identity-fixture';

jest.setTimeout(30_000);

interface AadstsBody {
  error: string;
  error_codes: number[];
  error_description: string;
  trace_id: string;
  correlation_id: string;
}

describe("Entra's exact answers: discovery, userinfo, caching headers, malformed grants and bodies", () => {
  let harness: IdentityHarness;
  let config: oidc.Configuration;

  beforeAll(async () => {
    harness = await startIdentityHarness();
    config = await discoverConnector(harness);
  });
  afterAll(() => harness.emulator.close());

  const token = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    harness.fetch(`${harness.emulator.url}/${TENANT_ID}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(body),
    });

  it('discovery carries userinfo_endpoint, kerberos_endpoint and the region scope (null on /common)', async () => {
    const metadata = config.serverMetadata();
    expect(metadata.userinfo_endpoint).toBe(`${harness.emulator.url}/oidc/userinfo`);
    expect(metadata['kerberos_endpoint']).toBe(`${harness.emulator.url}/${TENANT_ID}/kerberos`);
    expect(metadata['tenant_region_scope']).toBe('EU');
    const common = (await (
      await harness.fetch(`${harness.emulator.url}/common/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(common).toHaveProperty('tenant_region_scope', null);
    expect(common['kerberos_endpoint']).toBe(`${harness.emulator.url}/common/kerberos`);
  });

  it('userinfo answers for the signed-in user with the id_token subject (openid-client checks it)', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CONNECTOR_REDIRECT,
      scope: 'openid profile email User.Read',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      nonce,
    });
    const outcome = await signInWithPassword({
      authorizeUrl: url,
      userPrincipalName: ALICE.upn,
      password: ALICE.password,
      fetch: harness.fetch,
    });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(outcome.redirect ?? ''), {
      pkceCodeVerifier: verifier,
      expectedNonce: nonce,
    });
    const subject = tokens.claims()?.sub ?? '';
    const info = await oidc.fetchUserInfo(config, tokens.access_token, subject);
    expect(info).toMatchObject({
      sub: subject,
      name: 'Alice Admin',
      given_name: 'Alice',
      family_name: 'Admin',
    });
    const anonymous = await harness.fetch(`${harness.emulator.url}/oidc/userinfo`);
    expect(anonymous.status).toBe(401);
  });

  it('token replies, good and bad, carry Cache-Control: no-store, no-cache and Pragma: no-cache', async () => {
    const good = await token({
      grant_type: 'client_credentials',
      client_id: CONNECTOR_APP_ID,
      client_secret: CONNECTOR_SECRET,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(good.status).toBe(200);
    expect(good.headers.get('cache-control')).toBe('no-store, no-cache');
    expect(good.headers.get('pragma')).toBe('no-cache');
    const bad = await token({ grant_type: 'client_credentials', client_id: CONNECTOR_APP_ID });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('cache-control')).toBe('no-store, no-cache');
  });

  it('a malformed authorization code or refresh token is AADSTS9002313, as openid-client reports it', async () => {
    const callback = new URL(CONNECTOR_REDIRECT);
    callback.searchParams.set('code', 'not-a-code');
    await expect(
      oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: oidc.randomPKCECodeVerifier() }),
    ).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(
        /^AADSTS9002313: Invalid request\. Request is malformed or invalid\.\r\nTrace ID: /,
      ),
    });
    await expect(oidc.refreshTokenGrant(config, '1.garbage')).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/^AADSTS9002313: /),
    });
  });

  it('an oversized or unreadable form still gets the AADSTS body', async () => {
    const oversized = await token({ grant_type: 'client_credentials', padding: 'x'.repeat(300_000) });
    expect(oversized.status).toBe(413);
    const body = (await oversized.json()) as AadstsBody;
    expect(body.error).toBe('invalid_request');
    expect(body.error_codes).toEqual([9002313]);
    expect(body.error_description).toMatch(
      /^AADSTS9002313: .*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: /s,
    );
    const unreadable = await harness.fetch(`${harness.emulator.url}/${TENANT_ID}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=klingon' },
      body: 'grant_type=client_credentials',
    });
    expect(unreadable.status).toBe(400);
    expect(((await unreadable.json()) as AadstsBody).error_codes).toEqual([9002313]);
  });
});
