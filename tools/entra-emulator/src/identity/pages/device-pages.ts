import { escapeHtml, page } from './html';

/** The "Enter code" page of https://microsoft.com/devicelogin. */
export function deviceCodeEntryPage(action: string, error?: { code: number; message: string }): string {
  const shown = error
    ? `<div id="otcError" class="error" role="alert">AADSTS${error.code}: ${escapeHtml(error.message)}</div>`
    : '';
  return page(
    'Enter code',
    `<h1>Enter code</h1>
<p>Enter the code displayed on your app or device.</p>
${shown}
<form method="post" action="${escapeHtml(action)}" autocomplete="off">
<input type="text" name="otc" id="otc" placeholder="Code" required>
<button type="submit" id="idSIButton9">Next</button>
</form>`,
  );
}

export function deviceCodeDonePage(applicationName: string, outcome: 'approved' | 'declined'): string {
  const text =
    outcome === 'approved'
      ? `You have signed in to the ${escapeHtml(applicationName)} application on your device. You may now close this window.`
      : `You have declined to sign in to ${escapeHtml(applicationName)} on your device. You may now close this window.`;
  return page(
    outcome === 'approved' ? 'Signed in' : 'Sign-in declined',
    `<h1 id="outcome" data-outcome="${outcome}">${text}</h1>`,
  );
}
