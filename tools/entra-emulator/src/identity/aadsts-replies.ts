import type { Request, Response } from 'express';
import { requestOrigin } from '../server/request-origin';
import type { Clock } from '../server/clock';
import type { AadstsError } from './aadsts-error';
import { aadstsErrorBody } from './aadsts-response';
import { errorPage } from './pages/error-page';
import type { RedirectTarget } from './authorize/authorize-request';
import { sendAuthorizeResponse } from './authorize/authorize-response';

/** Token-endpoint style JSON error reply, with no-store as RFC 6749 section 5.1 asks of token replies. */
export function sendAadstsJson(req: Request, res: Response, error: AadstsError, clock: Clock): void {
  res
    .status(error.status)
    .set('Cache-Control', 'no-store')
    .json(aadstsErrorBody(error, req, requestOrigin(req), clock.now()));
}

/** The emulator's own error page: for errors that must not be redirected to the app. */
export function sendAadstsPage(req: Request, res: Response, error: AadstsError, clock: Clock): void {
  const body = aadstsErrorBody(error, req, requestOrigin(req), clock.now());
  res
    .status(400)
    .type('html')
    .send(errorPage(error, body.trace_id, body.correlation_id, body.timestamp));
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
