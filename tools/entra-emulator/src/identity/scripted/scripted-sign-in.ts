import { formAction, hiddenFields, shownErrorCode } from './page-fields';

export interface PasswordSignInResult {
  /** The redirect back to the app (query or fragment response modes). */
  redirect?: string;
  /** The auto-submitting form of `response_mode=form_post`: where it posts and what. */
  formPost?: { action: string; fields: Record<string, string> };
  /** The AADSTS code shown on the emulator's page when the sign-in did not go through. */
  errorCode?: number;
  status: number;
}

export interface PasswordSignInOptions {
  authorizeUrl: string | URL;
  userPrincipalName: string;
  password: string;
  /** A fetch that trusts the emulator's CA (default: the global fetch). */
  fetch?: typeof fetch;
}

/**
 * Does what a user does in a browser on the emulator's sign-in page, over plain HTTP: open the
 * authorize URL, fill in name and password, submit. For tests of apps that sign users in, when a
 * real browser is not the point of the test.
 */
export async function signInWithPassword(options: PasswordSignInOptions): Promise<PasswordSignInResult> {
  const request = options.fetch ?? fetch;
  const page = await request(options.authorizeUrl, { redirect: 'manual' });
  const pageHtml = await page.text();
  const flow = hiddenFields(pageHtml).flow;
  const action = formAction(pageHtml);
  if (page.status !== 200 || !flow || !action) return outcome(page, pageHtml);
  const posted = await request(new URL(action, options.authorizeUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ flow, login: options.userPrincipalName, passwd: options.password }),
  });
  return outcome(posted, await posted.text());
}

function outcome(response: Response, html: string): PasswordSignInResult {
  const redirect = response.headers.get('location') ?? undefined;
  if (redirect) return { status: response.status, redirect };
  const action = formAction(html);
  if (response.status === 200 && action && html.includes('name="hiddenform"')) {
    return { status: response.status, formPost: { action, fields: hiddenFields(html) } };
  }
  return { status: response.status, errorCode: shownErrorCode(html) };
}
