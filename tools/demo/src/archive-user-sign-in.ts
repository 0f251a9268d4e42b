import { resolve } from 'node:path';
import { signInWithPassword } from '@archive365/entra-emulator';
import type { AdminApiClient } from './admin-api-client';
import type { Narrator } from './narrator';

interface SignInSettingsView {
  redirectUri: string;
  responseType: string;
}

interface ArchiveUser {
  id: string;
  userName: string;
  displayName: string;
  archiveId: string;
  state: string;
}

export interface ArchiveUserSignInOptions {
  /** The archive's public HTTPS address (the gateway behind TLS), e.g. `https://localhost:3443`. */
  gatewayUrl: string;
  emulatorUrl: string;
  /** The CA file a browser must trust: it signed the emulator's and the gateway's certificates. */
  caFile: string;
  /** The credential whose app registration the automatic setup wrote (with the Web redirect URI). */
  credentialId: string;
  /** A synchronized user of the customer tenant with a sign-in password in the emulator. */
  userPrincipalName: string;
  password: string;
  customer: string;
}

/**
 * An archive user signs in with Microsoft at the instance's sign-in page: the sign-in settings are set
 * through the admin API, the page is checked to lead to Microsoft (the emulator), and one user of the
 * sync signs in there end to end over HTTP, as a browser would. The URL is printed for a real browser.
 */
export async function archiveUserSignIn(
  api: AdminApiClient,
  narrator: Narrator,
  options: ArchiveUserSignInOptions,
): Promise<void> {
  const settings = await api.call<SignInSettingsView>(
    'PUT',
    '/api/instances/contoso/sign-in',
    { credentialId: options.credentialId, responseType: 'code' },
    200,
  );
  narrator.say(
    `sign-in with the authorization code flow and PKCE; redirect URI ${settings.body.redirectUri} ` +
      '(the automatic setup registered it on the app)',
  );

  const search = options.userPrincipalName.split('@')[0];
  const found = await api.get<{ items: ArchiveUser[] }>(
    `/api/instances/contoso/archive-users?search=${encodeURIComponent(search)}&limit=1`,
  );
  const user = found.body.items.find((item) => item.userName === options.userPrincipalName.toLowerCase());
  if (!user || user.state !== 'active') {
    throw new Error(`${options.userPrincipalName} is not an active archive user after the sync`);
  }
  narrator.say(`${user.displayName} (${user.userName}) was synchronized: archive user ${user.id}`);

  const loginUrl = `${options.gatewayUrl}/contoso/oidc/login`;
  const browser = new CookieJar();
  const login = await browser.fetch(loginUrl);
  narrator.call('GET', loginUrl, login.status);
  const authorize = new URL(login.headers.get('location') ?? '', loginUrl);
  if (
    login.status !== 303 ||
    authorize.origin !== new URL(options.emulatorUrl).origin ||
    !authorize.pathname.endsWith('/oauth2/v2.0/authorize')
  ) {
    throw new Error(`the sign-in page did not lead to Microsoft's authorize endpoint: ${login.status}`);
  }
  narrator.say(`the sign-in page answers: ${login.status} to ${authorize.origin}${authorize.pathname}`);

  const signedIn = await signInWithPassword({
    authorizeUrl: authorize,
    userPrincipalName: options.userPrincipalName,
    password: options.password,
  });
  if (!signedIn.redirect) {
    throw new Error(`Microsoft's sign-in page did not send ${user.userName} back (${signedIn.errorCode})`);
  }
  narrator.say(`${user.userName} signed in at Microsoft (the emulator's sign-in form)`);
  const callback = await browser.fetch(signedIn.redirect);
  narrator.call('GET', `${new URL(signedIn.redirect).pathname}?code=...&state=...`, callback.status);
  if (callback.status !== 303) {
    throw new Error(`the gateway refused the sign-in: ${callback.status} ${await callback.text()}`);
  }
  const landing = new URL(callback.headers.get('location') ?? '', options.gatewayUrl).toString();
  const page = await browser.fetch(landing);
  const html = await page.text();
  narrator.call('GET', landing, page.status);
  if (page.status !== 200 || !html.includes(user.userName)) {
    throw new Error(`the signed-in page does not show ${user.userName}: ${page.status}`);
  }
  narrator.say(
    `signed in: the gateway checked the id_token, asked directory sync about ${user.userName}, and ` +
      'opened a session (an HttpOnly __Host- cookie); its page shows the archive user',
  );
  narrator.explain(
    'Only users the sync created can sign in: the gateway asks directory sync (CheckSignIn) for the ' +
      "user's tenant and object id, so a disabled or unknown user gets a refusal page instead.",
  );

  narrator.say('');
  narrator.say(`Sign in yourself in a browser: ${loginUrl}`);
  narrator.say(`  as ${options.userPrincipalName}, password ${options.password} (a synchronized user)`);
  narrator.say(
    `  the pages are served under the emulator's local CA ${resolve(options.caFile)}: import it as a trusted ` +
      'authority in the browser (Chromium: Settings > Privacy and security > Security > Manage ' +
      'certificates > Authorities), or accept the warning on both localhost pages',
  );
}

/** A browser's cookies for one site, and no automatic redirects (each hop is looked at). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  async fetch(url: string): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const separator = pair.indexOf('=');
      this.cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
    }
    return response;
  }
}
