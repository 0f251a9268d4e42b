import express from 'express';
import type { IdentityContext } from '../identity/identity-context';
import { createSignInMintingRouter } from './sign-in-minting.router';

/**
 * Emulator-only control of the identity half, under `/_emulator`: signing key rotation (the new key
 * signs, the old one stays in the JWKS for a while, as Microsoft rolls keys) and sign-ins minted
 * without the sign-in page.
 */
export function createIdentityControlRouter(ctx: IdentityContext): express.Router {
  const keys = ctx.keys;
  const router = express.Router();
  router.get('/keys', (_req, res) => {
    res.json({ signingKid: keys.signingKey.kid, publishedKids: keys.publishedKeys().map((key) => key.kid) });
  });
  router.post('/keys/rotate', (_req, res) => {
    res.json(keys.rotate());
  });
  router.use(createSignInMintingRouter(ctx));
  return router;
}
