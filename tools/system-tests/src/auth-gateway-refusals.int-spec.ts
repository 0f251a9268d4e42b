import { Subjects } from '@archive365/contracts';
import { signInWithPassword } from '@archive365/entra-emulator';
import { SignInPlatform } from './support/sign-in-platform';

/**
 * The gateway's refusals over real HTTPS, NATS, PostgreSQL and the emulator, before any user is let in:
 * unknown aliases, replayed state, a response delivered to another browser, Microsoft's error
 * redirects, cross-site logout, and the security headers on every page.
 */
describe('auth gateway: refusals (id_token form_post instance)', () => {
  let sut: SignInPlatform;
  let alice: { upn: string; password: string };

  beforeAll(async () => {
    sut = await SignInPlatform.start({ responseType: 'id_token' });
    alice = await sut.addUser('alice');
    // An instance that exists but has no sign-in settings.
    await sut.caller.rpc.send(Subjects.CreateInstance, {
      alias: 'unconfigured',
      displayName: 'Unconfigured',
      publicBaseUrl: sut.front.url,
    });
  });

  afterAll(async () => sut?.close());

  /** Login in a client and the emulator's form_post back, without posting it yet. */
  async function startAndSignIn(client = sut.client()) {
    const login = await client.request(`${sut.base}/oidc/login`);
    expect(login.status).toBe(303);
    const signedIn = await signInWithPassword({
      authorizeUrl: login.location ?? '',
      userPrincipalName: alice.upn,
      password: alice.password,
      fetch: client.fetch,
    });
    if (!signedIn.formPost) throw new Error(`no form_post from the emulator (${signedIn.status})`);
    return { client, login, form: signedIn.formPost };
  }

  it('login: an authorization request for the tenant with state, nonce and form_post, bound to the browser', async () => {
    const client = sut.client();
    const login = await client.request(`${sut.base}/oidc/login`);
    const url = new URL(login.location ?? '');
    expect(url.origin + url.pathname).toBe(`${sut.emulator.url}/${sut.tenantId}/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'id_token',
      response_mode: 'form_post',
      redirect_uri: `${sut.base}/oidc/signin`,
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const cookie = login.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(
      /^__Host-a365-bind=[^;]+; Max-Age=600; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=None$/m,
    );
  });

  it('unknown, malformed and unconfigured aliases all get the same "not available" page', async () => {
    const client = sut.client();
    const answers = await Promise.all(
      ['nosuch', 'unconfigured', 'UPPER..case'].map((alias) =>
        client.request(`${sut.front.url}/${alias}/oidc/login`),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.text).toContain('Sign-in is not available here');
    }
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
  });

  it('a replayed state is refused as an expired sign-in (state is single use, on any replica)', async () => {
    const { client, form } = await startAndSignIn();
    await client.request(form.action, { method: 'POST', form: form.fields });
    const replay = await client.request(form.action, { method: 'POST', form: form.fields });
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('This sign-in has expired');
  });

  it('an oversized or repeated-parameter form post is refused with a page, and the sign-in is kept', async () => {
    const { client, form } = await startAndSignIn();
    const padded = await client.request(form.action, {
      method: 'POST',
      form: { ...form.fields, padding: 'x'.repeat(40_000) },
    });
    expect(padded.status).toBe(400);
    expect(padded.text).toContain('This sign-in link is not valid');
    const repeated = new URLSearchParams(form.fields);
    repeated.append('state', 'another');
    const twice = await client.request(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: repeated.toString(),
    });
    expect(twice.status).toBe(400);
    // Neither took the sign-in's state: the real answer still gets through to the user check (alice
    // is not synchronized on this platform), not to "expired".
    const answered = await client.request(form.action, { method: 'POST', form: form.fields });
    expect(answered.status).toBe(403);
    expect(answered.text).toContain('You do not have an archive account yet');
  });

  it("a response from another browser's session (injected code or token) is refused", async () => {
    const { form } = await startAndSignIn();
    const victim = sut.client();
    await victim.request(`${sut.base}/oidc/login`);
    const injected = await victim.request(form.action, { method: 'POST', form: form.fields });
    expect(injected.status).toBe(400);
    expect(injected.text).toContain('Sign-in finished in another browser');
    expect(victim.cookies.has(`__Host-a365-session-${sut.alias}`)).toBe(false);
  });

  it("Microsoft's error redirect is explained in plain words, not echoed", async () => {
    const client = sut.client();
    const login = await client.request(`${sut.base}/oidc/login`);
    const state = new URL(login.location ?? '').searchParams.get('state') ?? '';
    const refused = await client.request(`${sut.base}/oidc/signin`, {
      method: 'POST',
      form: {
        state,
        error: 'invalid_client',
        error_description:
          "AADSTS700054: response_type 'id_token' is not enabled for the application. <script>",
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('does not allow ID tokens');
    expect(refused.text).toContain('AADSTS700054');
    expect(refused.text).not.toContain('<script>');

    const consent = sut.client();
    const again = await consent.request(`${sut.base}/oidc/login`);
    const consentRefused = await consent.request(`${sut.base}/oidc/signin`, {
      method: 'POST',
      form: {
        state: new URL(again.location ?? '').searchParams.get('state') ?? '',
        error: 'consent_required',
        error_description: 'AADSTS65001: The user or administrator has not consented to use the application.',
      },
    });
    expect(consentRefused.status).toBe(403);
    expect(consentRefused.text).toContain('has not been approved in your organization');
  });

  it('logout cannot be triggered cross-site: refused without touching the session', async () => {
    const client = sut.client();
    const crossSite = await client.request(`${sut.base}/oidc/logout`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.text).toContain('Request refused');
    const viaLink = await client.request(`${sut.base}/oidc/logout`);
    expect(viaLink.status).toBe(404);
  });

  it('security headers: strict CSP and COOP on pages; no COOP along the Office dialog chain', async () => {
    const client = sut.client();
    const page = await client.request(`${sut.base}/oidc/signed-out`);
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const login = await client.request(`${sut.base}/oidc/login`);
    expect(login.headers.get('cross-origin-opener-policy')).toBeNull();
    expect(login.headers.get('x-frame-options')).toBe('DENY');
    expect(login.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(login.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(login.headers.get('cache-control')).toBe('no-store');
    const dialog = await client.request(`${sut.base}/addin/dialog/start`);
    expect(dialog.status).toBe(303);
    expect(dialog.headers.get('cross-origin-opener-policy')).toBeNull();
    const taskpane = await client.request(`${sut.base}/addin/taskpane.html`);
    expect(taskpane.status).toBe(200);
    expect(taskpane.headers.get('cross-origin-opener-policy')).toBeNull();
    expect(taskpane.headers.get('content-security-policy')).toContain(
      'frame-ancestors https://outlook.office.com',
    );
  });
});
