export interface SignInOutcome {
  status: number;
  /** The redirect back to the app (query or fragment response modes). */
  location?: string;
  html: string;
}

/** What a browser does on the emulator's sign-in page, with plain HTTP: load it, fill in the form, post it. */
export async function signInThroughPages(
  trustedFetch: typeof fetch,
  authorizeUrl: URL | string,
  login: string,
  password: string,
): Promise<SignInOutcome> {
  const page = await trustedFetch(authorizeUrl, { redirect: 'manual' });
  const pageHtml = await page.text();
  if (page.status !== 200 || !pageHtml.includes('name="flow"')) {
    return { status: page.status, location: page.headers.get('location') ?? undefined, html: pageHtml };
  }
  const flow = /name="flow" value="([^"]+)"/.exec(pageHtml)?.[1] ?? '';
  const action = /<form method="post" action="([^"]+)"/.exec(pageHtml)?.[1] ?? '';
  const posted = await trustedFetch(new URL(action, authorizeUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ flow, login, passwd: password }),
  });
  return {
    status: posted.status,
    location: posted.headers.get('location') ?? undefined,
    html: await posted.text(),
  };
}
