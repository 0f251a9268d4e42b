import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { requestOrigin } from '../shared/request-origin';
import { aadsts } from './errors/aadsts-catalog';
import { TOKEN_REPLY_CACHE_HEADERS } from './errors/aadsts-replies';
import { aadstsErrorBody } from './errors/aadsts-response';
import { createAuthorizeRouter } from './authorize/authorize.router';
import { createAdminConsentRouter } from './consent/admin-consent.router';
import { createDeviceCodeRouter } from './device/device-code.router';
import { createDiscoveryRouter } from './discovery/discovery.router';
import type { IdentityContext } from './identity-context';
import { createLogoutRouter } from './logout/logout.router';
import { errorCodePage } from './pages/error-code-page';
import { createTokenRouter } from './grants/token.router';

/** Microsoft echoes the caller's `client-request-id` when asked with `return-client-request-id: true`. */
const echoClientRequestId: RequestHandler = (req, res, next) => {
  const id = req.headers['client-request-id'];
  if (
    req.headers['return-client-request-id'] === 'true' &&
    typeof id === 'string' &&
    /^[0-9a-f-]{36}$/i.test(id)
  )
    res.set('client-request-id', id);
  next();
};

/**
 * Like login.microsoftonline.com, the sign-in pages refuse to be framed (so an app that tries to sign in
 * inside an iframe fails here as it would at Microsoft) and are never cached.
 */
const pageHeaders: RequestHandler = (_req, res, next) => {
  res.set('X-Frame-Options', 'DENY');
  res.set('Content-Security-Policy', "frame-ancestors 'none'");
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * A form that is too large or cannot be read still gets Entra's body (AADSTS9002313, "Request is
 * malformed or invalid"), with the parser's status (413 for too large), never a generic error.
 */
function unreadableForm(ctx: IdentityContext): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const status =
      typeof error === 'object' && error !== null && 'status' in error && error.status === 413 ? 413 : 400;
    res
      .status(status)
      .set(TOKEN_REPLY_CACHE_HEADERS)
      .json(aadstsErrorBody(aadsts.malformedRequest(), req, requestOrigin(req), ctx.clock.now()));
  };
}

/** Every Entra ID endpoint, at the paths login.microsoftonline.com uses. */
export function createIdentityRouter(ctx: IdentityContext, tokenFaults?: RequestHandler): express.Router {
  const router = express.Router();
  // Token, device code and sign-in requests are form posts (RFC 6749 appendix B).
  router.use(express.urlencoded({ extended: false, limit: '256kb' }));
  router.use(unreadableForm(ctx));
  router.use(echoClientRequestId);
  router.use(pageHeaders);
  router.use(createDiscoveryRouter(ctx));
  router.use(createTokenRouter(ctx, tokenFaults));
  router.use(createAuthorizeRouter(ctx));
  router.use(createAdminConsentRouter(ctx));
  router.use(createDeviceCodeRouter(ctx));
  router.use(createLogoutRouter(ctx));
  router.get('/error', (req, res) => {
    res.type('html').send(errorCodePage(req.query.code));
  });
  return router;
}
