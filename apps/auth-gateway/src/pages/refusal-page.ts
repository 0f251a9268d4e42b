import { refusalText } from '../errors/refusal-text';
import type { SignInError } from '../errors/sign-in-error';
import { escapeHtml, page } from './html';

/** The page a refused sign-in shows: what happened and what to do, in plain words; the code if any. */
export function refusalPage(error: SignInError): { status: number; html: string } {
  const text = refusalText(error.code);
  const body =
    `<h1 id="title">${escapeHtml(text.title)}</h1>` +
    `<p id="message">${escapeHtml(error.details.explanation ?? text.message)}</p>` +
    `<p class="hint" id="hint">${escapeHtml(text.hint)}</p>` +
    `<p class="code" id="reason">Reason: ${escapeHtml(error.code)}${
      error.details.aadsts ? ` (Microsoft: ${escapeHtml(error.details.aadsts)})` : ''
    }</p>`;
  return { status: text.status, html: page({ title: text.title, body }) };
}
