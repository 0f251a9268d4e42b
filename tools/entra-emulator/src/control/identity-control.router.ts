import express from 'express';
import type { SigningKeyRing } from '../keys/signing-key-ring';

/**
 * Emulator-only control of the identity half, under `/_emulator`: signing key rotation (the new key
 * signs, the old one stays in the JWKS for a while, as Microsoft rolls keys).
 */
export function createIdentityControlRouter(keys: SigningKeyRing): express.Router {
  const router = express.Router();
  router.get('/keys', (_req, res) => {
    res.json({ signingKid: keys.signingKey.kid, publishedKids: keys.publishedKeys().map((key) => key.kid) });
  });
  router.post('/keys/rotate', (_req, res) => {
    res.json(keys.rotate());
  });
  return router;
}
