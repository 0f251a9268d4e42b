import type { SetupView } from '@archive365/contracts';

/** The page the customer's administrator sees after Microsoft's admin consent: what happened, in words. */
export function consentResultPage(setup: SetupView): string {
  const ok = setup.state !== 'failed';
  const title = ok ? 'Admin consent received' : 'Admin consent did not complete';
  const detail = ok
    ? `The archive "${setup.instanceAlias}" now finishes its setup in your tenant. You can close this window.`
    : `${setup.problem?.message ?? 'The setup failed.'} ${setup.problem?.fix ?? ''}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>archive365: ',
    escapeHtml(title),
    '</title></head><body><h1>',
    escapeHtml(title),
    '</h1><p>',
    escapeHtml(detail),
    '</p></body></html>',
  ].join('');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
