import type { AadstsError } from '../errors/aadsts-error';
import { escapeHtml, page } from './html';

/**
 * Microsoft's own error page: shown instead of redirecting when the redirect URI cannot be trusted
 * (unknown app, unregistered redirect URI), so an error never goes to an unverified address.
 */
export function errorPage(
  error: AadstsError,
  traceId: string,
  correlationId: string,
  timestamp: string,
): string {
  return page(
    'Sign in to your account',
    `<h1>Sorry, but we're having trouble signing you in.</h1>
<p id="errorCode" class="error">AADSTS${error.code}: ${escapeHtml(error.publicMessage)}</p>
<div class="detail">
<div>Request Id: ${escapeHtml(traceId)}</div>
<div>Correlation Id: ${escapeHtml(correlationId)}</div>
<div>Timestamp: ${escapeHtml(timestamp)}</div>
<div>Message: AADSTS${error.code}</div>
</div>`,
  );
}
