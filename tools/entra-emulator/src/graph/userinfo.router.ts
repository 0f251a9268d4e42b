import express, { type Request, type Response, type Router } from 'express';
import { randomUUID } from 'node:crypto';
import { GraphAuthError, type EmulatorContext } from '../emulator.types';
import type { MemoryStore } from '../store/memory-store';
import { requestOrigin } from '../shared/request-origin';
import { graphErrorResponse } from './graph-error-response';

/**
 * The OpenID Connect userinfo endpoint, which Microsoft serves from Graph
 * (https://learn.microsoft.com/entra/identity-platform/userinfo): a delegated Graph token with the
 * `openid` scope gives `sub` (the same pairwise value as the id_token's), `name`, `family_name`,
 * `given_name`, `picture` and `email`.
 */
export function createUserinfoRouter(context: EmulatorContext, store: MemoryStore): Router {
  const router = express.Router();
  const userinfo = async (req: Request, res: Response) => {
    const ids = { requestId: randomUUID(), clientRequestId: randomUUID() };
    try {
      const claims = await context.verifyGraphBearer(req.headers.authorization);
      const scopes = (claims.scp ?? '').split(' ');
      const user = claims.idtyp === 'user' ? store.tenant(claims.tid)?.userById(claims.oid) : undefined;
      if (!user || !scopes.includes('openid'))
        throw new GraphAuthError(
          'The token must be a delegated Microsoft Graph token that includes the openid scope.',
        );
      const sub = (claims as { sub?: string }).sub ?? user.id;
      res.set('request-id', ids.requestId).json({
        sub,
        ...(user.displayName ? { name: user.displayName } : {}),
        ...(user.surname ? { family_name: user.surname } : {}),
        ...(user.givenName ? { given_name: user.givenName } : {}),
        picture: `${requestOrigin(req)}/v1.0/me/photo/$value`,
        ...(user.mail ? { email: user.mail } : {}),
      });
    } catch (error) {
      const response = graphErrorResponse(error, ids);
      res
        .status(response.status)
        .set(response.headers ?? {})
        .json(response.body);
    }
  };
  router.get('/oidc/userinfo', userinfo);
  router.post('/oidc/userinfo', userinfo);
  return router;
}
