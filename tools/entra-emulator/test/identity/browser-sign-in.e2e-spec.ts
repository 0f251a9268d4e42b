import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oidc from 'openid-client';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumLaunchOptions } from '../../src/browser/chromium-options';
import { startIdentityHarness, type IdentityHarness } from './support/emulator-harness';
import { ALICE, CONNECTOR_APP_ID, CONNECTOR_SECRET, TENANT_ID } from './support/identity-fixture';

jest.setTimeout(60_000);

/** The app's side of the redirect: a plain local HTTP page that just receives the code. */
async function startRedirectTarget(): Promise<{ server: Server; redirectUri: string }> {
  const server = createServer((_req, res) => {
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!DOCTYPE html><title>Signed in</title><p id="done">Back at the app</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, redirectUri: `http://localhost:${(server.address() as AddressInfo).port}/callback` };
}

describe('browser sign-in through the emulator pages (headless Chromium)', () => {
  let harness: IdentityHarness;
  let target: { server: Server; redirectUri: string };
  let browser: BrowserContext;
  let userDataDir: string;
  let config: oidc.Configuration;

  beforeAll(async () => {
    target = await startRedirectTarget();
    harness = await startIdentityHarness([target.redirectUri]);
    config = await oidc.discovery(
      new URL(`${harness.emulator.url}/${TENANT_ID}/v2.0`),
      CONNECTOR_APP_ID,
      CONNECTOR_SECRET,
    );
    userDataDir = mkdtempSync(join(tmpdir(), 'emulator-chromium-'));
    browser = await chromium.launchPersistentContext(
      userDataDir,
      // Trust exactly the emulator's server key, not every certificate.
      chromiumLaunchOptions([harness.emulator.serverSpkiSha256]),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.emulator.close();
    await new Promise((resolve) => target?.server.close(resolve));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  async function authorizationUrl(extra: Record<string, string> = {}) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: target.redirectUri,
      scope: 'openid profile email',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...extra,
    });
    return { url, verifier, state, nonce };
  }

  it('signs a fixture user in with code + PKCE; openid-client validates the id_token', async () => {
    const { url, verifier, state, nonce } = await authorizationUrl();
    const page = await browser.newPage();
    await page.goto(url.href);
    await page.fill('#i0116', ALICE.upn);
    await page.fill('#i0118', ALICE.password);
    await Promise.all([
      page.waitForURL((current) => current.href.startsWith(target.redirectUri)),
      page.click('#idSIButton9'),
    ]);
    expect(await page.textContent('#done')).toBe('Back at the app');
    const tokens = await oidc.authorizationCodeGrant(config, new URL(page.url()), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    expect(tokens.claims()).toMatchObject({
      iss: `${harness.emulator.url}/${TENANT_ID}/v2.0`,
      aud: CONNECTOR_APP_ID,
      oid: ALICE.id,
      tid: TENANT_ID,
      preferred_username: ALICE.upn,
      name: 'Alice Admin',
      nonce,
    });
    await page.close();
  });

  it('single sign-on: a second sign-in goes straight back to the app, also with prompt=none', async () => {
    const page = await browser.newPage();
    const extras: Record<string, string>[] = [{}, { prompt: 'none' }];
    for (const extra of extras) {
      const { url, verifier, state, nonce } = await authorizationUrl(extra);
      await page.goto(url.href);
      expect(page.url().startsWith(target.redirectUri)).toBe(true);
      const tokens = await oidc.authorizationCodeGrant(config, new URL(page.url()), {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
      });
      expect(tokens.claims()?.oid).toBe(ALICE.id);
    }
    await page.close();
  });

  it('prompt=login shows the page again; a wrong password shows AADSTS50126 and stays there', async () => {
    const { url } = await authorizationUrl({ prompt: 'login' });
    const page = await browser.newPage();
    await page.goto(url.href);
    await page.fill('#i0116', ALICE.upn);
    await page.fill('#i0118', 'definitely-wrong');
    await Promise.all([page.waitForSelector('#passwordError'), page.click('#idSIButton9')]);
    expect(await page.textContent('#passwordError')).toContain('AADSTS50126');
    expect(page.url().startsWith(harness.emulator.url)).toBe(true);
    expect(await page.content()).not.toContain('definitely-wrong');
    await page.close();
  });

  it('after sign-out, prompt=none answers login_required (AADSTS50058)', async () => {
    const page = await browser.newPage();
    await page.goto(`${harness.emulator.url}/${TENANT_ID}/oauth2/v2.0/logout`);
    expect(await page.textContent('#signedOut')).toContain('You signed out');
    const { url } = await authorizationUrl({ prompt: 'none' });
    await page.goto(url.href);
    const answer = new URL(page.url()).searchParams;
    expect(answer.get('error')).toBe('login_required');
    expect(answer.get('error_description')).toMatch(/^AADSTS50058:/);
    await page.close();
  });

  it('without the SPKI pin Chromium refuses the emulator certificate (trust is precise, not blanket)', async () => {
    const plainDir = mkdtempSync(join(tmpdir(), 'emulator-chromium-plain-'));
    const plain = await chromium.launchPersistentContext(plainDir, chromiumLaunchOptions([]));
    try {
      const page = await plain.newPage();
      await expect(
        page.goto(`${harness.emulator.url}/${TENANT_ID}/v2.0/.well-known/openid-configuration`),
      ).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await plain.close();
      rmSync(plainDir, { recursive: true, force: true });
    }
  });
});
