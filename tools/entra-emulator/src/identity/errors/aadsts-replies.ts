import type { Request, Response } from 'express';
import { requestOrigin } from '../../shared/request-origin';
import type { Clock } from '../../shared/clock';
import type { AadstsError } from './aadsts-error';
import { aadstsErrorBody } from './aadsts-response';
import { errorPage } from '../pages/error-page';
import type { RedirectTarget } from '../authorize/authorize-request';
import { sendAuthorizeResponse } from '../authorize/authorize-response';

/** Entra's caching headers on every token endpoint reply (RFC 6749 section 5.1 asks for no-store). */
export const TOKEN_REPLY_CACHE_HEADERS = {
  'Cache-Control': 'no-store, no-cache',
  Pragma: 'no-cache',
} as const;

/** Token-endpoint style JSON error reply. */
export function sendAadstsJson(req: Request, res: Response, error: AadstsError, clock: Clock): void {
  res
    .status(error.status)
    .set(TOKEN_REPLY_CACHE_HEADERS)
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
