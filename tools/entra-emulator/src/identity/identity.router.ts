import express, { type RequestHandler } from 'express';
import { createAuthorizeRouter } from './authorize/authorize.router';
import { createDeviceCodeRouter } from './device/device-code.router';
import { createDiscoveryRouter } from './discovery/discovery.router';
import type { IdentityContext } from './identity-context';
import { createLogoutRouter } from './logout/logout.router';
import { createTokenRouter } from './token/token.router';

/** Every Entra ID endpoint, at the paths login.microsoftonline.com uses. */
export function createIdentityRouter(ctx: IdentityContext, tokenFaults?: RequestHandler): express.Router {
  const router = express.Router();
  // Token, device code and sign-in requests are form posts (RFC 6749 appendix B).
  router.use(express.urlencoded({ extended: false, limit: '256kb' }));
  router.use(createDiscoveryRouter(ctx));
  router.use(createTokenRouter(ctx, tokenFaults));
  router.use(createAuthorizeRouter(ctx));
  router.use(createDeviceCodeRouter(ctx));
  router.use(createLogoutRouter(ctx));
  return router;
}
