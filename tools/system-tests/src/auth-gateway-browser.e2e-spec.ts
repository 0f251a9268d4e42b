import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { msalNaaStub, OFFICE_JS_STUB } from './support/office-stub';
import { SignInPlatform } from './support/sign-in-platform';

jest.setTimeout(120_000);

interface Person {
  upn: string;
  password: string;
}

/**
 * Archive users sign in with their Microsoft 365 account in headless Chromium, through the emulator's
 * sign-in page, with real credentials, directory-sync and auth-gateway services behind HTTPS. Who may sign
 * in comes from a real directory sync run (licensed users).
 */
describe.each(['id_token', 'code'] as const)('browser sign-in (%s flow)', (responseType) => {
  let sut: SignInPlatform;
  let browser: Browser;
  let alice: Person;
  let bob: Person;
  let carol: Person;

  beforeAll(async () => {
    sut = await SignInPlatform.start({ responseType });
    alice = await sut.addUser('alice');
    carol = await sut.addUser('carol');
    bob = await sut.addUser('bob', { licensed: false });
    await sut.configureSync({ userFilter: 'licensed', leaverThreshold: { maxCount: 500, maxPercent: 100 } });
    expect((await sut.sync()).state).toBe('succeeded');
    // Carol loses her licence: the next run disables her archive login (the archive is kept).
    await sut.control('POST', `/tenants/${sut.tenantId}/users/${carol.upn}/licenses`, {
      removeSkuIds: ['6fd2c87f-b296-42f0-b197-1e91e994b900'],
    });
    expect((await sut.sync()).state).toBe('succeeded');
    await sut.exposeApi();
    browser = await launchChromium([sut.front.spkiSha256, sut.emulator.serverSpkiSha256]);
  });

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  /**
   * A fresh browser (no Microsoft session), sign-in started at the archive, password typed in. The
   * authorization request and the response's arrival at the redirect URI are kept, to see which flow ran.
   */
  async function signIn(
    person: Person,
  ): Promise<{ context: BrowserContext; page: Page; authorize: URL; callback: Request }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen: Request[] = [];
    page.on('request', (request) => seen.push(request));
    await page.goto(`${sut.base}/oidc/login`);
    await page.fill('#i0116', person.upn);
    await page.fill('#i0118', person.password);
    await Promise.all([
      page.waitForURL((url) => url.href.startsWith(sut.front.url)),
      page.click('#idSIButton9'),
    ]);
    await page.waitForLoadState('load');
    const authorize = seen
      .map((request) => new URL(request.url()))
      .find((url) => url.pathname.endsWith('/oauth2/v2.0/authorize'));
    const callback = seen.find((request) => request.url().startsWith(`${sut.base}/oidc/signin`));
    if (!authorize || !callback) throw new Error('the sign-in did not go through the authorize endpoint');
    return { context, page, authorize, callback };
  }

  it('a synchronized user signs in and gets an archive session; sign-out ends it', async () => {
    const { context, page, authorize, callback } = await signIn(alice);
    expect(authorize.searchParams.get('response_type')).toBe(responseType);
    if (responseType === 'code') {
      // PKCE S256; the code comes back in the query and is redeemed by the gateway with a client
      // assertion signed by the credentials service (the emulator checks it against the uploaded certificate).
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(callback.method()).toBe('GET');
      expect(new URL(callback.url()).searchParams.get('code')).toBeTruthy();
    } else {
      expect(authorize.searchParams.get('response_mode')).toBe('form_post');
      expect(callback.method()).toBe('POST');
    }
    expect(page.url()).toBe(`${sut.base}/oidc/me`);
    expect(await page.textContent('#display-name')).toBe('Alice Tester');
    const cookies = await context.cookies(sut.front.url);
    expect(cookies.find((cookie) => cookie.name === `__Host-a365-session-${sut.alias}`)).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: '/',
    });
    const session = (await page.evaluate(
      async (url) => (await fetch(url)).json(),
      `${sut.base}/oidc/session`,
    )) as {
      user: object;
      archiveToken: string;
    };
    expect(session.user).toMatchObject({ userName: alice.upn, displayName: 'Alice Tester' });
    expect(session.archiveToken).toMatch(/^eyJ/);

    await Promise.all([page.waitForURL(`${sut.base}/oidc/signed-out`), page.click('#logout')]);
    expect(await page.textContent('#signed-out')).toContain('You signed out');
    const after = await page.goto(`${sut.base}/oidc/me`);
    expect(after?.status()).toBe(401);
    await context.close();
  });

  /** The add-in's task pane in a browser context whose Office.js (and MSAL, for NAA) is the stub. */
  async function taskpane(options: { naaToken?: string }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    await context.route('https://appsforoffice.microsoft.com/**', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: OFFICE_JS_STUB }),
    );
    if (options.naaToken) {
      const token = options.naaToken;
      await context.addInitScript(() => {
        (globalThis as unknown as { __naaSupported: boolean }).__naaSupported = true;
      });
      await context.route(`${sut.base}/addin/msal-browser.min.js`, (route) =>
        route.fulfill({ contentType: 'text/javascript', body: msalNaaStub(token) }),
      );
    }
    const page = await context.newPage();
    return { context, page };
  }

  it('the Outlook add-in gets a session through nested app authentication', async () => {
    const { context, page } = await taskpane({ naaToken: await sut.addinAccessToken(alice.upn) });
    await page.goto(`${sut.base}/addin/taskpane.html`);
    await page.waitForSelector('#status[data-state="signed-in"]');
    expect(await page.getAttribute('#status', 'data-method')).toBe('naa');
    expect(await page.textContent('#status')).toBe('Signed in as Alice Tester');
    expect(
      await page.evaluate(() => (globalThis as unknown as { __naaRequest: object }).__naaRequest),
    ).toEqual({
      clientId: sut.appId,
      scopes: [`api://${sut.appId}/access_as_user`],
    });
    const session = await page.evaluate(
      () => (globalThis as unknown as { archiveSession: { archiveToken: string } }).archiveSession,
    );
    expect(session.archiveToken).toMatch(/^eyJ/);
    await context.close();
  });

  it('the NAA exchange refuses a token for another scope of our API, and a user who is not synchronized', async () => {
    const client = sut.client();
    const otherScope = await client.request(`${sut.base}/addin/naa/exchange`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await sut.addinAccessToken(alice.upn, 'Reports.Read')}` },
    });
    expect(otherScope.status).toBe(401);
    expect(JSON.parse(otherScope.text)).toMatchObject({ error: { code: 'TOKEN_REJECTED' } });
    const unsynchronized = await client.request(`${sut.base}/addin/naa/exchange`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await sut.addinAccessToken(bob.upn)}` },
    });
    expect(unsynchronized.status).toBe(403);
    expect(JSON.parse(unsynchronized.text)).toMatchObject({ error: { code: 'NOT_SYNCHRONIZED' } });
  });

  it('without NAA the add-in signs in through the Office dialog and redeems its one-time result', async () => {
    const { context, page } = await taskpane({});
    const [dialog] = await Promise.all([
      context.waitForEvent('page'),
      page.goto(`${sut.base}/addin/taskpane.html`),
    ]);
    await dialog.waitForSelector('#i0116');
    await dialog.fill('#i0116', alice.upn);
    await dialog.fill('#i0118', alice.password);
    await dialog.click('#idSIButton9');
    await page.waitForSelector('#status[data-state="signed-in"]');
    expect(await page.getAttribute('#status', 'data-method')).toBe('dialog');
    expect(await page.textContent('#status')).toBe('Signed in as Alice Tester');
    await context.close();
  });

  it('a user who is not synchronized is refused with a page that says why', async () => {
    const { context, page } = await signIn(bob);
    expect(await page.textContent('#title')).toBe('You do not have an archive account yet');
    expect(await page.textContent('#hint')).toContain('synchronization');
    await context.close();
  });

  it('a user whose archive login is disabled is refused with a page that says so', async () => {
    const { context, page } = await signIn(carol);
    expect(await page.textContent('#title')).toBe('Your archive account is disabled');
    await context.close();
  });
});
