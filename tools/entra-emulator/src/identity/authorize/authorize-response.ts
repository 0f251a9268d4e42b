import type { Request, Response } from 'express';
import type { Clock } from '../../shared/clock';
import { requestOrigin } from '../../shared/request-origin';
import type { AadstsError } from '../errors/aadsts-error';
import { aadstsErrorBody } from '../errors/aadsts-response';
import { formPostPage } from '../pages/form-post-page';
import type { RedirectTarget } from './authorize-request';

/**
 * Returns the authorization response to the app in the requested response mode (OAuth 2.0 Multiple
 * Response Type Encoding Practices section 2.1; Form Post Response Mode section 2).
 */
export function sendAuthorizeResponse(
  res: Response,
  target: RedirectTarget,
  params: Record<string, string>,
): void {
  const withState = target.state !== undefined ? { ...params, state: target.state } : params;
  const encoded = new URLSearchParams(withState).toString();
  switch (target.responseMode) {
    case 'query': {
      const url = new URL(target.redirectUri);
      for (const [name, value] of Object.entries(withState)) url.searchParams.set(name, value);
      res.redirect(302, url.toString());
      return;
    }
    case 'fragment':
      res.redirect(302, `${target.redirectUri.split('#')[0]}#${encoded}`);
      return;
    case 'form_post':
      res.status(200).type('html').send(formPostPage(target.redirectUri, withState));
      return;
  }
}

/** An authorization error sent back to the app's registered redirect URI (RFC 6749 section 4.1.2.1). */
export function sendAadstsRedirect(
  req: Request,
  res: Response,
  error: AadstsError,
  target: RedirectTarget,
  clock: Clock,
): void {
  const body = aadstsErrorBody(error, req, requestOrigin(req), clock.now());
  sendAuthorizeResponse(res, target, {
    error: body.error,
    ...(error.errorSubcode ? { error_subcode: error.errorSubcode } : {}),
    error_description: body.error_description,
    error_uri: body.error_uri,
    ...(body.suberror ? { suberror: body.suberror } : {}),
  });
}
