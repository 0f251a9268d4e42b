import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumLaunchOptions } from '../../src/browser/chromium-options';
import { startIdentityHarness, type IdentityHarness } from './support/emulator-harness';
import {
  FABRIKAM_ADMIN,
  FABRIKAM_ID,
  multiTenantFixture,
  PROVIDER_APP_ID,
} from './support/multi-tenant-fixture';

jest.setTimeout(60_000);

describe('admin consent in a browser (headless Chromium)', () => {
  let harness: IdentityHarness;
  let server: Server;
  let redirectUri: string;
  let browser: BrowserContext;
  let userDataDir: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><p id="done">Connected</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    redirectUri = `http://localhost:${(server.address() as AddressInfo).port}/connected`;
    harness = await startIdentityHarness([redirectUri], multiTenantFixture);
    userDataDir = mkdtempSync(join(tmpdir(), 'emulator-chromium-consent-'));
    browser = await chromium.launchPersistentContext(
      userDataDir,
      // Trust exactly the emulator's server key, not every certificate.
      chromiumLaunchOptions([harness.emulator.serverSpkiSha256]),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.emulator.close();
    await new Promise((resolve) => server?.close(resolve));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('an administrator signs in, accepts, and the browser returns with admin_consent=True', async () => {
    const url = new URL(`${harness.emulator.url}/organizations/v2.0/adminconsent`);
    url.search = new URLSearchParams({
      client_id: PROVIDER_APP_ID,
      scope: 'https://graph.microsoft.com/.default',
      redirect_uri: redirectUri,
      state: 'onboarding-42',
    }).toString();
    const page = await browser.newPage();
    await page.goto(url.href);
    await page.fill('#i0116', FABRIKAM_ADMIN.upn);
    await page.fill('#i0118', FABRIKAM_ADMIN.password);
    await Promise.all([page.waitForSelector('#permissions'), page.click('#idSIButton9')]);
    expect(await page.textContent('#appName')).toBe('Archive Provider');
    expect(await page.textContent('#permissions')).toContain(
      'Microsoft Graph: Directory.Read.All (application)',
    );
    await Promise.all([
      page.waitForURL((current) => current.href.startsWith(redirectUri)),
      page.click('#idSIButton9'),
    ]);
    expect(await page.textContent('#done')).toBe('Connected');
    const answer = new URL(page.url()).searchParams;
    expect(answer.get('admin_consent')).toBe('True');
    expect(answer.get('tenant')).toBe(FABRIKAM_ID);
    expect(answer.get('state')).toBe('onboarding-42');
    const servicePrincipal = harness.emulator.store
      .tenant(FABRIKAM_ID)
      ?.servicePrincipalByAppId(PROVIDER_APP_ID);
    expect(servicePrincipal?.id).toBeTruthy();
    await page.close();
  });
});
