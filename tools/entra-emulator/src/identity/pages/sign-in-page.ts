import { escapeHtml, page } from './html';

export interface SignInPageModel {
  /** Where the form posts. */
  action: string;
  /** Hidden fields carried through the post (a flow id, never a secret). */
  hidden: Record<string, string>;
  applicationName: string;
  loginHint?: string;
  /** An AADSTS error from the previous attempt, shown above the form. */
  error?: { code: number; message: string };
  /** Offer a "Cancel" that declines (device code flow). */
  allowDecline?: boolean;
}

/**
 * The sign-in form. Field names and element ids follow Microsoft's page (`login`/`i0116`,
 * `passwd`/`i0118`, `idSIButton9`) so browser automation written for it reads naturally.
 * The password is never echoed back into the page.
 */
export function signInPage(model: SignInPageModel): string {
  const hidden = Object.entries(model.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const error = model.error
    ? `<div id="passwordError" class="error" role="alert">AADSTS${model.error.code}: ${escapeHtml(model.error.message)}</div>`
    : '';
  const decline = model.allowDecline
    ? `<button type="submit" name="action" value="decline" id="idBtn_Back" class="secondary" formnovalidate>Cancel</button>`
    : '';
  return page(
    'Sign in to your account',
    `<h1>Sign in</h1>
<p>to continue to <span id="appName">${escapeHtml(model.applicationName)}</span></p>
${error}
<form method="post" action="${escapeHtml(model.action)}" autocomplete="off">
${hidden}
<input type="email" name="login" id="i0116" placeholder="Email, phone, or Skype" value="${escapeHtml(model.loginHint ?? '')}" required>
<input type="password" name="passwd" id="i0118" placeholder="Password" required>
<button type="submit" name="action" value="signin" id="idSIButton9">Sign in</button>
${decline}
</form>`,
  );
}
