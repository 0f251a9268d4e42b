import express, { type RequestHandler } from 'express';
import { aadsts } from '../errors/aadsts-catalog';
import { AadstsError } from '../errors/aadsts-error';
import { sendAadstsJson, TOKEN_REPLY_CACHE_HEADERS } from '../errors/aadsts-replies';
import type { IdentityContext } from '../identity-context';
import { handleTokenRequest } from './token-endpoint';

/** `POST /{tenant}/oauth2/v2.0/token`, behind the fault-injection middleware when one is given. */
export function createTokenRouter(ctx: IdentityContext, faults?: RequestHandler): express.Router {
  const router = express.Router();
  const handlers: RequestHandler[] = faults ? [faults] : [];
  router.post('/:tenant/oauth2/v2.0/token', ...handlers, async (req, res) => {
    try {
      const body = await handleTokenRequest(ctx, req, String(req.params.tenant));
      // Single-page apps redeem cross-origin: Entra allows any origin on the token endpoint.
      if (req.headers.origin) res.set('Access-Control-Allow-Origin', '*');
      res.set(TOKEN_REPLY_CACHE_HEADERS).json(body);
    } catch (error) {
      if (!(error instanceof AadstsError)) throw error;
      sendAadstsJson(req, res, error, ctx.clock);
    }
  });
  // CORS preflight of a single-page app's redemption.
  router.options('/:tenant/oauth2/v2.0/token', (_req, res) => {
    res
      .set('Access-Control-Allow-Origin', '*')
      .set('Access-Control-Allow-Methods', 'POST, OPTIONS')
      .set('Access-Control-Allow-Headers', 'content-type, client-request-id, x-client-sku, x-client-ver')
      .status(204)
      .end();
  });
  router.all('/:tenant/oauth2/v2.0/token', (req, res) => {
    sendAadstsJson(req, res, aadsts.postOnly(req.method), ctx.clock);
  });
  return router;
}
