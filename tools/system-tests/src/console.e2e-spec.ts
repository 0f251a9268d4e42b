import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import forge from 'node-forge';
import {
  approveDeviceCode,
  startEmulator,
  trustEmulatorCaInProcess,
  type RunningEmulator,
} from '@archive365/entra-emulator';
import type { Browser, Page } from 'playwright-core';
import { CONSOLE_DIR } from '../../../apps/admin-api/src/console/serve-console';
import { generateCertificate } from '../../../apps/credentials/src/certificates';
import { ADMIN, CUSTOMER_TENANT, customerTenantFixture } from './provisioning/customer-tenant';
import { launchChromium } from './support/chromium';
import { HttpsFront } from './support/https-front';
import { TestPlatform } from './support/platform';

jest.setTimeout(240_000);

const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const SCREENSHOTS = resolve('tmp/console-screenshots');
const PASSWORD = 'Archive-Pa55!';

/**
 * The administrators' web console in headless Chromium against the real admin API, credentials,
 * provisioning and directory-sync services and the Entra emulator: sign in with an API token, create an
 * instance and a credential, test it, check the app registration, preview and run a synchronization, and
 * see the archive users. Every page passes axe; each step leaves a screenshot.
 */
describe('admin console: the Directory Services procedure in a browser', () => {
  const platform = TestPlatform.create();
  let emulator: RunningEmulator;
  /** The archive's public HTTPS address, in front of the auth gateway. */
  let front: HttpsFront;
  let browser: Browser;
  let page: Page;
  let api: string;
  let tenantId: string;
  let appId: string;
  let step = 0;

  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${emulator.url}/_emulator${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator ${method} ${path}: ${response.status}`);
    const text = await response.text(); // a DELETE answers 204, no body
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A screenshot of the step, and axe over the whole page: no violation of any rule. */
  async function checkpoint(name: string, on: Page = page): Promise<void> {
    step += 1;
    await on.screenshot({
      path: join(SCREENSHOTS, `${String(step).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
    const { violations } = await new AxeBuilder({ page: on }).analyze();
    expect(violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  }

  /** What the administrator does in the Azure portal: upload a `.cer` to the app registration. */
  function uploadToAppRegistration(der: Buffer): void {
    const keys = emulator.store.tenant(tenantId)?.applicationByAppId(appId)?.keyCredentials;
    if (!keys) throw new Error('the app registration is missing from the emulator');
    keys.push({
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
      key: der.toString('base64'),
      keyId: randomUUID(),
      startDateTime: new Date(Date.now() - 60_000).toISOString(),
      endDateTime: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    });
  }

  /** The administrator removes a certificate (by its SHA-1 thumbprint) from the app registration. */
  function removeFromAppRegistration(thumbprintSha1: string): void {
    const keys = emulator.store.tenant(tenantId)?.applicationByAppId(appId)?.keyCredentials ?? [];
    const at = keys.findIndex(
      (key) =>
        createHash('sha1')
          .update(Buffer.from(key.key ?? '', 'base64'))
          .digest('hex')
          .toUpperCase() === thumbprintSha1,
    );
    if (at < 0) throw new Error(`no key ${thumbprintSha1} on the app registration`);
    keys.splice(at, 1);
  }

  beforeAll(async () => {
    if (!existsSync(join(CONSOLE_DIR, 'index.html')))
      throw new Error('the console is not built: run `npx nx run console:build` first');
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Northwind (the fixture) is the customer whose administrator approves an automatic setup.
    emulator = await startEmulator({
      stateDir: mkdtempSync(join(tmpdir(), 'console-emulator-')),
      fixture: customerTenantFixture(),
      deviceCodeIntervalSeconds: 1,
    });
    trustEmulatorCaInProcess(emulator.caCertPem);
    const seeded = await control<{ value: { id: string }[] }>('POST', '/tenants', {
      generate: { users: 0, seed: 'contoso', domain: 'contoso.example' },
    });
    tenantId = seeded.value[0].id;
    for (const user of emulator.store.tenant(tenantId)?.users.all() ?? [])
      await control('DELETE', `/tenants/${tenantId}/users/${user.id}`);
    for (const [nickname, licensed] of [
      ['alice', true],
      ['bob', true],
      ['carol', false],
    ] as const)
      await control('POST', `/tenants/${tenantId}/users`, {
        displayName: `${nickname[0].toUpperCase()}${nickname.slice(1)} Tester`,
        userPrincipalName: `${nickname}@contoso.example`,
        accountEnabled: true,
        userType: 'Member',
        usageLocation: 'US',
        mail: `${nickname}@contoso.example`,
        proxyAddresses: [`SMTP:${nickname}@contoso.example`],
        licenseSkuIds: licensed ? [E3] : [],
        password: PASSWORD,
      });
    appId = (
      await control<{ appId: string }>('POST', `/tenants/${tenantId}/apps`, {
        displayName: 'Email Archive',
        clientSecret: 'not-used-by-the-archive-0000',
        graphRoles: ['Directory.Read.All'],
      })
    ).appId;
    front = await HttpsFront.start();
    // Archive users sign in through the app registration: its Web redirect URI, with ID tokens.
    const registration = emulator.store.tenant(tenantId)?.applicationByAppId(appId);
    if (registration)
      registration.web = {
        redirectUris: [`${front.url}/contoso/oidc/signin`],
        implicitGrantSettings: { enableIdTokenIssuance: true, enableAccessTokenIssuance: false },
      };
    const authority = { ENTRA_AUTHORITY_HOST: emulator.url, ENTRA_CA_FILE: emulator.caCertPath };
    platform.serviceEnv.credentials = { ...platform.serviceEnv.credentials, ...authority };
    platform.serviceEnv.provisioning = {
      ...authority,
      GRAPH_BASE_URL: emulator.url,
      GRAPH_CA_FILE: emulator.caCertPath,
      EXCHANGE_BASE_URL: emulator.url,
      PROPAGATION_WAIT_MS: '3000',
    };
    platform.serviceEnv['directory-sync'] = {
      GRAPH_BASE_URL: emulator.url,
      GRAPH_CA_FILE: emulator.caCertPath,
    };
    await platform.start('credentials');
    await platform.start('provisioning');
    await platform.start('directory-sync');
    platform.serviceEnv['auth-gateway'] = { ...authority, SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000' };
    front.target = (await platform.start('auth-gateway')).url;
    api = (await platform.start('admin-api')).url;
    browser = await launchChromium([front.spkiSha256, emulator.serverSpkiSha256]);
    // axe needs a page of an explicit context.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await platform.close();
    await front?.close();
    await emulator?.close();
  });

  it('is served by the admin API with a policy allowing its own files only', async () => {
    const response = await fetch(`${api}/console/instances/anything`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root"></div>');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
  });

  it('refuses a wrong token with its problem detail, then signs in with the bootstrap token', async () => {
    await page.goto(`${api}/console/`);
    await page.getByLabel('Or paste an API token').fill('a365_not_a_real_token_000000000000');
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'the token or session is not known',
    );
    await checkpoint('sign-in-refused');

    await page.getByLabel('Or paste an API token').fill(platform.adminToken);
    await page.getByRole('button', { name: 'Sign in with token' }).click();
    await page.getByRole('heading', { name: 'Archive instances' }).waitFor();
    await checkpoint('instances-empty');
  });

  it('creates an instance and opens its Directory Services page', async () => {
    await page.getByLabel('Alias').fill('contoso');
    await page.getByLabel('Display name').fill('Contoso');
    await page.getByLabel('Public base URL').fill(front.url);
    await page.getByRole('button', { name: 'Create instance' }).click();
    await page.getByRole('heading', { name: 'Directory Services: Contoso' }).waitFor();
    await page.getByLabel('Users to archive').waitFor();
    await checkpoint('directory-services');
  });

  it('creates a credential with a generated certificate, uploaded as the portal does, and tests it', async () => {
    const form = page.getByRole('form', { name: 'New credential' });
    await form.getByLabel('Name', { exact: true }).fill('Contoso archive');
    await form.getByLabel('Application (client) ID').fill(appId);
    await form.getByLabel('Tenant ID', { exact: true }).fill(tenantId);
    await form.getByRole('button', { name: 'Create with a generated certificate' }).click();
    // An RSA key is generated: seconds on a busy machine.
    await page.getByText('Thumbprint (SHA-1)').waitFor({ timeout: 90_000 });
    expect(await page.getByText(/expires in \d+ days/).count()).toBe(1);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download .cer' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Contoso-archive.cer');
    uploadToAppRegistration(readFileSync(await file.path()));

    await page.getByRole('button', { name: 'Test credential' }).click();
    await expect(page.getByText('A token was issued').textContent()).resolves.toContain('Directory.Read.All');
    await page.getByRole('button', { name: 'Use for directory sync' }).click();
    await page.getByText('Directory sync reads the directory with this credential.').waitFor();
    await checkpoint('credential-tested');
  });

  it('rotates the certificate by hand, then renews it on the app registration step by step', async () => {
    const card = page.locator('.card', { has: page.getByRole('heading', { name: 'Contoso archive' }) });
    const certificates = card.getByRole('table', { name: 'Certificates of Contoso archive' });
    await card.getByText('renewed automatically 60 days before expiry').waitFor();

    // Manual rotation: a pending certificate, its .cer uploaded, the switch (proven by a real token), retirement.
    await card.getByRole('button', { name: 'Start rotation' }).click();
    await card.getByText('New certificate waiting').waitFor({ timeout: 90_000 });
    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: 'Download new .cer' }).click();
    uploadToAppRegistration(readFileSync(await (await download).path()));
    await card.getByRole('button', { name: 'Switch to the new certificate' }).click();
    await card.getByRole('button', { name: 'Retire old certificate' }).click();
    await card.getByRole('button', { name: 'Start rotation' }).waitFor();
    expect(await certificates.getByRole('cell', { name: 'retired', exact: true }).count()).toBe(1);
    await checkpoint('credential-rotated');

    // Renewal by the platform: addKey with a proof, a token with the new key, removeKey, retirement.
    const objectId = emulator.store.tenant(tenantId)?.applicationByAppId(appId)?.id ?? '';
    await card.getByLabel('App registration Object ID (when not set up here)').fill(objectId);
    await card.getByRole('button', { name: 'Renew now' }).click();
    // The key in use was uploaded by hand, so its key id is unknown: the renewal stops with the fix.
    const fix = card
      .getByRole('alert')
      .filter({ hasText: 'What to do: Remove the certificate with thumbprint' });
    await fix.waitFor({ timeout: 90_000 });
    await card.getByRole('status').filter({ hasText: 'Renewal failed' }).waitFor();
    await card.getByText('renewal failed at: Remove the old key from the app registration').waitFor();
    await checkpoint('credential-renewal-stopped');
    const oldThumbprint = /thumbprint ([0-9A-F]{40})/.exec((await fix.textContent()) ?? '')?.[1];
    removeFromAppRegistration(oldThumbprint ?? 'none');
    await card.getByRole('button', { name: 'Renew now' }).click();
    await card.getByRole('status').filter({ hasText: 'Renewal succeeded' }).waitFor({ timeout: 90_000 });
    const steps = card.getByRole('list', { name: 'Renewal steps' }).getByRole('listitem');
    expect(await steps.count()).toBe(5);
    expect(await steps.filter({ hasText: '(done)' }).count()).toBe(5);
    await card.getByText(/expires in \d+ days .*, renewed on/).waitFor();
    expect(await certificates.getByRole('cell', { name: 'retired', exact: true }).count()).toBe(2);
    await checkpoint('credential-renewed');
  });

  it('imports an existing certificate from a PFX file with its password', async () => {
    const material = await generateCertificate({ commonName: 'Contoso imported' });
    const password = `pfx-${randomUUID()}`;
    const pfx = forge.asn1
      .toDer(
        forge.pkcs12.toPkcs12Asn1(
          forge.pki.privateKeyFromPem(material.privateKeyPem),
          [forge.pki.certificateFromPem(material.certificatePem)],
          password,
          { algorithm: 'aes256' },
        ),
      )
      .getBytes();
    const file = join(mkdtempSync(join(tmpdir(), 'console-import-')), 'contoso.pfx');
    writeFileSync(file, Buffer.from(pfx, 'binary'));

    const form = page.getByRole('form', { name: 'Import a certificate' });
    await form.getByLabel('Name', { exact: true }).fill('Contoso imported');
    await form.getByLabel('Application (client) ID').fill(appId);
    await form.getByLabel('Tenant ID', { exact: true }).fill(tenantId);
    await form.getByLabel('Certificate file (.pfx, or .pem with its key)').setInputFiles(file);
    await form.getByLabel('Password of the file or key').fill(password);
    await form.getByRole('button', { name: 'Import certificate' }).click();
    const card = page.locator('.card', { has: page.getByRole('heading', { name: 'Contoso imported' }) });
    await card.waitFor({ timeout: 60_000 });
    const thumbprint = new X509Certificate(material.certificatePem).fingerprint.replaceAll(':', '');
    await card.getByText(thumbprint).first().waitFor();
    expect(await card.getByRole('cell', { name: 'imported', exact: true }).count()).toBe(1);
    await checkpoint('credential-imported');
  });

  it('shows why a consent link cannot be made here, and runs the doctor as a checklist', async () => {
    // This deployment has no provider-level multi-tenant app: the API's problem detail, with its hint.
    await page.getByLabel("Customer's tenant ID").fill(tenantId);
    await page.getByRole('button', { name: 'Make consent link' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'consent links need' });
    await problem.waitFor();
    expect(await problem.textContent()).toContain('What to do:');

    await page.getByRole('button', { name: 'Check the app registration' }).click();
    const checklist = page.getByRole('list', { name: 'Doctor checklist' });
    await checklist.waitFor({ timeout: 60_000 });
    expect(await checklist.getByRole('listitem').count()).toBeGreaterThan(0);
    await checkpoint('app-registration');
  });

  it('sets up an app registration automatically, with the device code the page shows', async () => {
    await page.getByLabel('Tenant ID or domain (optional)').fill(CUSTOMER_TENANT);
    await page.getByRole('button', { name: 'Start automatic setup' }).click();
    const code = page.locator('.device-code .user-code');
    await code.waitFor({ timeout: 60_000 });
    await checkpoint('automatic-setup-code');

    // The customer's administrator enters the code at the address shown, and signs in.
    const approval = await approveDeviceCode({
      verificationUri: (await page.locator('.device-code a').getAttribute('href')) ?? '',
      userCode: (await code.textContent()) ?? '',
      userPrincipalName: ADMIN.upn,
      password: ADMIN.password,
    });
    expect(approval.outcome).toBe('approved');
    await page.getByRole('status').filter({ hasText: 'Setup succeeded' }).waitFor({ timeout: 120_000 });
    const steps = page.getByRole('list', { name: 'Setup steps' }).getByRole('listitem');
    expect(await steps.count()).toBeGreaterThan(2);
    expect(await steps.filter({ hasText: '(failed)' }).count()).toBe(0);
    await page.locator('.device-code').waitFor({ state: 'detached' });
    // The setup's own credential, for Northwind's new app registration, is listed with the others.
    await page.locator('.card dd', { hasText: CUSTOMER_TENANT }).waitFor();
    await checkpoint('automatic-setup-done');
  });

  it('saves the directory settings, showing unsaved changes until then', async () => {
    await page.getByLabel('Hold a run that removes more than (users)').fill('50');
    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' });
    expect(await page.getByLabel('Hold a run that removes more than (users)').inputValue()).toBe('50');
  });

  it('previews the plan ("Test settings") with + lines, synchronizes and lists the archive users', async () => {
    // Requests that poll one run (`.../sync/runs/<id>`), and event streams answered.
    const polls: string[] = [];
    const streams: string[] = [];
    page.on('request', (request) => {
      if (/\/sync\/runs\/[0-9a-f-]{36}$/.test(new URL(request.url()).pathname)) polls.push(request.url());
    });
    page.on('response', (response) => {
      if (response.url().includes('/events') && response.ok())
        streams.push(response.headers()['content-type'] ?? '');
    });

    // The preview with its event stream cut (a proxy that drops it): the page falls back to polling.
    await page.route('**/sync/runs/*/events*', (route) => route.abort('connectionreset'));
    await page.getByRole('button', { name: 'Test settings' }).click();
    const plan = page.getByRole('table', { name: 'Plan' });
    await plan.waitFor({ timeout: 60_000 });
    await expect(
      page.getByRole('status').filter({ hasText: 'Preview planned' }).textContent(),
    ).resolves.toContain('2 to add');
    expect(await plan.locator('tr.sign-create').count()).toBe(2);
    await page.getByRole('table', { name: 'Runs' }).getByText('planned').waitFor();
    expect(polls.length).toBeGreaterThan(0);
    await checkpoint('test-settings');
    await page.unroute('**/sync/runs/*/events*');

    // "Synchronize now" follows the run live, from the API's Server-Sent Events: no polling.
    const pollsBefore = polls.length;
    await page.getByRole('button', { name: 'Synchronize now' }).click();
    await page.getByText('Run succeeded').waitFor({ timeout: 60_000 });
    await page.getByText('live from the API').waitFor();
    expect(streams).toEqual([expect.stringContaining('text/event-stream')]);
    expect(polls.length).toBe(pollsBefore);
    const users = page.getByRole('table', { name: 'Archive users' });
    await users.getByText('alice@contoso.example').first().waitFor();
    expect(await users.getByRole('row').count()).toBe(3); // header + alice + bob (carol has no licence)
    await checkpoint('synchronized');
  });

  it('asks about a user deleted and re-created in the directory, and links it to its old archive', async () => {
    const users = page.getByRole('table', { name: 'Archive users' });
    const bobRow = users.getByRole('row').filter({ hasText: 'bob@contoso.example' });
    const before = await bobRow.textContent();
    const bob = emulator.store
      .tenant(tenantId)
      ?.users.all()
      .find((user) => user.userPrincipalName === 'bob@contoso.example');
    await control('DELETE', `/tenants/${tenantId}/users/${bob?.id}`);
    await control('DELETE', `/tenants/${tenantId}/deletedUsers/${bob?.id}`);
    await control('POST', `/tenants/${tenantId}/users`, {
      displayName: 'Bob Tester',
      userPrincipalName: 'bob@contoso.example',
      accountEnabled: true,
      userType: 'Member',
      usageLocation: 'US',
      mail: 'bob@contoso.example',
      proxyAddresses: ['SMTP:bob@contoso.example'],
      licenseSkuIds: [E3],
      password: PASSWORD,
    });

    const runs = page.getByRole('table', { name: 'Runs' });
    await page.getByRole('button', { name: 'Test settings' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '1 re-created, waiting for your decision' })
      .waitFor({ timeout: 60_000 });
    const plan = page.getByRole('table', { name: 'Plan' });
    // The plan's page loads after the run's counts: wait for its line.
    await plan.locator('tr.sign-recreated').first().waitFor();
    expect(await plan.locator('tr.sign-recreated').count()).toBe(1);
    await runs.getByRole('row').nth(1).filter({ hasText: 'preview' }).waitFor();
    await checkpoint('recreated-user');

    await plan.getByRole('button', { name: 'Link bob@contoso.example to the old archive' }).click();
    await plan.getByText('bob@contoso.example will keep the old archive').waitFor();
    await page.getByRole('button', { name: 'Synchronize now' }).click();
    const latest = runs.getByRole('row').nth(1).filter({ hasText: 'full' });
    await latest.filter({ hasText: 'succeeded' }).waitFor({ timeout: 60_000 });
    expect(await latest.textContent()).toContain('0 / 1 / 0'); // bob updated to the new id, nobody added
    await users.getByRole('row').nth(2).waitFor();
    expect(await users.getByRole('row').count()).toBe(3);
    expect(await bobRow.textContent()).toBe(before); // the same archive, still active
  });

  it('chooses the groups to archive by searching the directory, and the preview keeps their members only', async () => {
    const alice = emulator.store
      .tenant(tenantId)
      ?.users.all()
      .find((user) => user.userPrincipalName === 'alice@contoso.example');
    await control('POST', `/tenants/${tenantId}/groups`, {
      displayName: 'Archive pilots',
      memberIds: [alice?.id],
    });
    await control('POST', `/tenants/${tenantId}/groups`, { displayName: 'Sales', memberIds: [] });

    await page.getByLabel('Users to archive').selectOption('groups');
    await page.getByLabel('Search groups by name').fill('pilots');
    await page.getByRole('button', { name: 'Search groups' }).click();
    const found = page.getByRole('list', { name: 'Groups found' });
    await found.getByText('Archive pilots', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await found.getByRole('listitem').count()).toBe(1); // not "Sales"
    await found.getByRole('button', { name: 'Add Archive pilots' }).click();
    await page.getByRole('button', { name: 'Remove Archive pilots' }).waitFor();
    await page.getByText('Unsaved changes').waitFor();
    await checkpoint('group-search');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Test settings' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Preview planned' })
      .filter({ hasText: '1 to remove' })
      .waitFor({ timeout: 60_000 });
    // The plan's page loads after the run's counts: wait for its line.
    const removed = page.getByRole('table', { name: 'Plan' }).locator('tr.sign-disable');
    await removed.filter({ hasText: 'bob@contoso.example' }).waitFor();
    expect(await removed.count()).toBe(1);
  });

  it('turns on the archive sign-in, and a synchronized user signs in through the gateway', async () => {
    const settings = page.getByRole('form', { name: 'Sign-in settings' });
    await settings
      .getByLabel('Credential of the app registration')
      .selectOption({ label: 'Contoso archive' });
    await settings.getByLabel('Flow').selectOption('code');
    await settings.getByRole('button', { name: 'Save sign-in settings' }).click();
    await page.getByText(`${front.url}/contoso/oidc/signin`, { exact: true }).waitFor();
    const link = page.getByRole('link', { name: `${front.url}/contoso/oidc/login` });
    await checkpoint('archive-sign-in');

    // Alice, in a browser of her own, follows the address the console gives, through Microsoft's page.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const user = await context.newPage();
    await user.goto((await link.getAttribute('href')) ?? '');
    await user.fill('#i0116', 'alice@contoso.example');
    await user.fill('#i0118', PASSWORD);
    await Promise.all([user.waitForURL(`${front.url}/contoso/oidc/me`), user.click('#idSIButton9')]);
    expect(await user.textContent('#display-name')).toBe('Alice Tester');
    await checkpoint('user-signed-in', user);
    await context.close();
  });
});
