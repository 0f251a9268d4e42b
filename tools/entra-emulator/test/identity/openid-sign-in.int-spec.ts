import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import * as oidc from 'openid-client';
import { decodeJwt } from 'jose';
import { signInWithPassword } from '../../src';
import { discoverConnector, startIdentityHarness, type IdentityHarness } from './support/emulator-harness';
import {
  RESTRICTED_APP_ID,
  RESTRICTED_SECRET,
  ALICE,
  BOB,
  CONNECTOR_APP_ID,
  CONNECTOR_REDIRECT,
  TENANT_DOMAIN,
  TENANT_ID,
} from './support/identity-fixture';

jest.setTimeout(30_000);

describe('OpenID Connect sign-in with the unmodified openid-client', () => {
  let harness: IdentityHarness;
  let config: oidc.Configuration;
  beforeAll(async () => {
    harness = await startIdentityHarness();
    config = await discoverConnector(harness);
  });
  afterAll(async () => harness.emulator.close());

  it('discovery: the issuer carries the host:port the client used and the tenant id, also when asked by domain', async () => {
    expect(config.serverMetadata().issuer).toBe(`${harness.emulator.url}/${TENANT_ID}/v2.0`);
    expect(config.serverMetadata().token_endpoint).toBe(
      `${harness.emulator.url}/${TENANT_ID}/oauth2/v2.0/token`,
    );
    const byDomain = (await (
      await harness.fetch(`${harness.emulator.url}/${TENANT_DOMAIN}/v2.0/.well-known/openid-configuration`)
    ).json()) as { issuer: string };
    expect(byDomain.issuer).toBe(`${harness.emulator.url}/${TENANT_ID}/v2.0`);
    const viaIp = (await (
      await harness.fetch(
        `https://127.0.0.1:${harness.emulator.port}/common/v2.0/.well-known/openid-configuration`,
      )
    ).json()) as { issuer: string; token_endpoint: string };
    expect(viaIp.issuer).toBe(`https://127.0.0.1:${harness.emulator.port}/{tenantid}/v2.0`);
    expect(viaIp.token_endpoint).toBe(`https://127.0.0.1:${harness.emulator.port}/common/oauth2/v2.0/token`);
  });

  async function codeFlow(
    user: { upn: string; password: string },
    scope = 'openid profile email offline_access User.Read',
  ) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CONNECTOR_REDIRECT,
      scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const outcome = await signInWithPassword({
      authorizeUrl: url,
      userPrincipalName: user.upn,
      password: user.password,
      fetch: harness.fetch,
    });
    return { outcome, verifier, state, nonce };
  }

  it('code + PKCE: id_token claims as Microsoft issues them, and a delegated Graph token', async () => {
    const { outcome, verifier, state, nonce } = await codeFlow(ALICE);
    expect(outcome.status).toBe(302);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(outcome.redirect ?? ''), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: `${harness.emulator.url}/${TENANT_ID}/v2.0`,
      aud: CONNECTOR_APP_ID,
      tid: TENANT_ID,
      oid: ALICE.id,
      preferred_username: ALICE.upn,
      name: 'Alice Admin',
      email: ALICE.upn,
      nonce,
      ver: '2.0',
    });
    expect(claims?.sub).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(claims?.sub).not.toBe(ALICE.id);
    const access = decodeJwt(tokens.access_token);
    expect(access).toMatchObject({
      iss: `https://sts.windows.net/${TENANT_ID}/`,
      idtyp: 'user',
      oid: ALICE.id,
      appid: CONNECTOR_APP_ID,
      ver: '1.0',
    });
    expect(String(access.scp).split(' ')).toContain('User.Read');
    expect(access.wids).toEqual(expect.arrayContaining(['62e90394-69f5-4237-9190-012177145e10']));
    expect(tokens.refresh_token).toBeDefined();
    expect(tokens.expires_in).toBeGreaterThanOrEqual(3599);
  });

  it('refresh: a new access token and a rotated refresh token', async () => {
    const { outcome, verifier, state, nonce } = await codeFlow(BOB);
    const first = await oidc.authorizationCodeGrant(config, new URL(outcome.redirect ?? ''), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    const refreshed = await oidc.refreshTokenGrant(config, first.refresh_token ?? '');
    expect(refreshed.refresh_token).toBeDefined();
    expect(refreshed.refresh_token).not.toBe(first.refresh_token);
    expect(decodeJwt(refreshed.access_token)).toMatchObject({
      oid: BOB.id,
      scp: expect.stringContaining('User.Read'),
    });
    expect(refreshed.claims()?.oid).toBe(BOB.id);
  });

  it('a code redeemed twice at once gives tokens once; the other redemption is AADSTS54005', async () => {
    const { outcome, verifier, state, nonce } = await codeFlow(ALICE);
    const callback = new URL(outcome.redirect ?? '');
    const redeem = () =>
      oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
      });
    const results = await Promise.allSettled([redeem(), redeem(), redeem()]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((candidate) => candidate.status === 'rejected'))
      expect(result.reason).toMatchObject({ error_description: expect.stringMatching(/^AADSTS54005:/) });
  });

  it('a failed redemption does not use the code up', async () => {
    const { outcome, verifier, state, nonce } = await codeFlow(BOB);
    const callback = new URL(outcome.redirect ?? '');
    await expect(
      oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
        expectedState: state,
      }),
    ).rejects.toMatchObject({ error_description: expect.stringMatching(/^AADSTS501481:/) });
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    expect(tokens.access_token).toBeDefined();
  });

  it('a wrong PKCE verifier is AADSTS501481; a redeemed code is AADSTS54005; an old code is AADSTS70008', async () => {
    const wrong = await codeFlow(ALICE);
    await expect(
      oidc.authorizationCodeGrant(config, new URL(wrong.outcome.redirect ?? ''), {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
        expectedState: wrong.state,
      }),
    ).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/^AADSTS501481:/),
    });

    const reused = await codeFlow(ALICE);
    const callback = new URL(reused.outcome.redirect ?? '');
    await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: reused.verifier,
      expectedState: reused.state,
      expectedNonce: reused.nonce,
    });
    await expect(
      oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: reused.verifier,
        expectedState: reused.state,
        expectedNonce: reused.nonce,
      }),
    ).rejects.toMatchObject({
      error_description: expect.stringMatching(/^AADSTS54005:/),
    });

    const old = await codeFlow(ALICE);
    harness.emulator.store.clock.advance(11 * 60 * 1000);
    try {
      await expect(
        oidc.authorizationCodeGrant(config, new URL(old.outcome.redirect ?? ''), {
          pkceCodeVerifier: old.verifier,
          expectedState: old.state,
        }),
      ).rejects.toMatchObject({
        error_description: expect.stringMatching(/^AADSTS70008:/),
      });
    } finally {
      harness.emulator.store.clock.reset();
    }
  });

  it('a delegated scope nobody consented to: invalid_grant AADSTS65001 with suberror consent_required', async () => {
    const { outcome, verifier, state } = await codeFlow(BOB, 'openid profile Directory.Read.All');
    expect(outcome.status).toBe(302);
    await expect(
      oidc.authorizationCodeGrant(config, new URL(outcome.redirect ?? ''), {
        pkceCodeVerifier: verifier,
        expectedState: state,
      }),
    ).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/^AADSTS65001: The user or administrator has not consented/),
      cause: expect.objectContaining({ suberror: 'consent_required' }),
    });
  });

  it('id_token with response_mode=form_post, checked by implicitAuthentication', async () => {
    const implicitConfig = await oidc.discovery(
      new URL(`${harness.emulator.url}/${TENANT_ID}/v2.0`),
      CONNECTOR_APP_ID,
    );
    oidc.useIdTokenResponseType(implicitConfig);
    const nonce = oidc.randomNonce();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(implicitConfig, {
      redirect_uri: CONNECTOR_REDIRECT,
      scope: 'openid profile',
      response_mode: 'form_post',
      nonce,
      state,
    });
    const outcome = await signInWithPassword({
      authorizeUrl: url,
      userPrincipalName: ALICE.upn,
      password: ALICE.password,
      fetch: harness.fetch,
    });
    expect(outcome.status).toBe(200);
    expect(outcome.formPost?.action).toBe(CONNECTOR_REDIRECT);
    const fields = outcome.formPost?.fields ?? {};
    const callback = new Request(CONNECTOR_REDIRECT, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
    const claims = await oidc.implicitAuthentication(implicitConfig, callback, nonce, {
      expectedState: state,
    });
    expect(claims).toMatchObject({ oid: ALICE.id, tid: TENANT_ID, nonce, aud: CONNECTOR_APP_ID });
  });

  it('hybrid code id_token: the id_token carries c_hash of the code', async () => {
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CONNECTOR_REDIRECT,
      scope: 'openid',
      response_type: 'code id_token',
      response_mode: 'fragment',
      nonce,
    });
    const outcome = await signInWithPassword({
      authorizeUrl: url,
      userPrincipalName: ALICE.upn,
      password: ALICE.password,
      fetch: harness.fetch,
    });
    const fragment = new URLSearchParams(new URL(outcome.redirect ?? '').hash.slice(1));
    const expected = createHash('sha256')
      .update(fragment.get('code') ?? '')
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    expect(decodeJwt(fragment.get('id_token') ?? '')).toMatchObject({ c_hash: expected, nonce });
  });

  it('assignment required: an assigned user gets the app roles in the id_token, others AADSTS50105', async () => {
    const restricted = await oidc.discovery(
      new URL(`${harness.emulator.url}/${TENANT_ID}/v2.0`),
      RESTRICTED_APP_ID,
      RESTRICTED_SECRET,
    );
    const nonce = oidc.randomNonce();
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(restricted, {
      redirect_uri: CONNECTOR_REDIRECT,
      scope: 'openid profile',
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const alice = await signInWithPassword({
      authorizeUrl: url,
      userPrincipalName: ALICE.upn,
      password: ALICE.password,
      fetch: harness.fetch,
    });
    const tokens = await oidc.authorizationCodeGrant(restricted, new URL(alice.redirect ?? ''), {
      pkceCodeVerifier: verifier,
      expectedNonce: nonce,
    });
    expect(tokens.claims()).toMatchObject({ oid: ALICE.id, roles: ['Archive.Admin'] });
    const bob = await signInWithPassword({
      authorizeUrl: url,
      userPrincipalName: BOB.upn,
      password: BOB.password,
      fetch: harness.fetch,
    });
    expect(bob).toMatchObject({ status: 400, errorCode: 50105 });
  });

  describe("private_key_jwt (the app's certificate) at the token endpoint", () => {
    async function redeemWith(clientAuth: oidc.ClientAuth) {
      const keyed = await oidc.discovery(
        new URL(`${harness.emulator.url}/${TENANT_ID}/v2.0`),
        CONNECTOR_APP_ID,
        undefined,
        clientAuth,
      );
      const verifier = oidc.randomPKCECodeVerifier();
      const url = oidc.buildAuthorizationUrl(keyed, {
        redirect_uri: CONNECTOR_REDIRECT,
        scope: 'openid',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      const signedIn = await signInWithPassword({
        authorizeUrl: url,
        userPrincipalName: BOB.upn,
        password: BOB.password,
        fetch: harness.fetch,
      });
      return oidc.authorizationCodeGrant(keyed, new URL(signedIn.redirect ?? ''), {
        pkceCodeVerifier: verifier,
      });
    }

    async function certificateKey(): Promise<oidc.CryptoKey> {
      const der = createPrivateKey(harness.certs.valid.keyPem).export({ type: 'pkcs8', format: 'der' });
      return crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
        'sign',
      ]);
    }

    it('as openid-client sends it (aud = issuer, no x5t) Entra refuses it: AADSTS700023', async () => {
      await expect(redeemWith(oidc.PrivateKeyJwt(await certificateKey()))).rejects.toMatchObject({
        error: 'invalid_client',
        error_description: expect.stringMatching(/^AADSTS700023:/),
      });
    });

    it('with the token endpoint as aud and the certificate thumbprint as x5t it is accepted', async () => {
      const thumbprint = createHash('sha1')
        .update(new X509Certificate(harness.certs.valid.certPem).raw)
        .digest('base64url');
      const tokenEndpoint = `${harness.emulator.url}/${TENANT_ID}/oauth2/v2.0/token`;
      const tokens = await redeemWith(
        oidc.PrivateKeyJwt(await certificateKey(), {
          [oidc.modifyAssertion]: (header, payload) => {
            header.x5t = thumbprint;
            payload.aud = tokenEndpoint;
          },
        }),
      );
      expect(decodeJwt(tokens.access_token)).toMatchObject({ oid: BOB.id, appidacr: '2' });
    });
  });
});
