import { escapeHtml, page } from './html';

/**
 * `response_mode=form_post` (OAuth 2.0 Form Post Response Mode, section 2): an auto-submitting form
 * that posts the response parameters to the redirect URI.
 */
export function formPostPage(redirectUri: string, params: Record<string, string>): string {
  const fields = Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return page(
    'Working...',
    `<form method="post" name="hiddenform" action="${escapeHtml(redirectUri)}">
${fields}
<noscript><p>Script is disabled. Click Submit to continue.</p><button type="submit">Submit</button></noscript>
</form>
<script>document.forms.hiddenform.submit();</script>`,
  );
}
