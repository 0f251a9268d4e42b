import express, { type ErrorRequestHandler, type Request } from 'express';
import { AadstsError } from '../identity/errors/aadsts-error';
import { AuthorizeRedirectError } from '../identity/authorize/authorize-request';
import type { IdentityContext } from '../identity/identity-context';
import {
  mintAccessToken,
  mintAuthorizationResponse,
  type MintRequest,
} from '../identity/minting/mint-sign-in';
import { requestOrigin } from '../shared/request-origin';
import { ControlError } from './directory-control-errors';

const STRING_FIELDS = [
  'clientId',
  'user',
  'redirectUri',
  'scope',
  'nonce',
  'codeChallenge',
  'codeChallengeMethod',
  'state',
] as const;

/** Reads `{clientId, user, redirectUri?, scope?, nonce?, codeChallenge?, codeChallengeMethod?, state?}`. */
function mintRequest(req: Request): MintRequest {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ControlError(
      400,
      'invalid_request',
      'Send a JSON object, for example {"clientId": "<appId>", "user": "adele@contoso.com", "redirectUri": "https://app/callback", "nonce": "n", "codeChallenge": "<S256>", "codeChallengeMethod": "S256"}.',
    );
  const input = body as Record<string, unknown>;
  for (const field of STRING_FIELDS) {
    if (input[field] !== undefined && typeof input[field] !== 'string')
      throw new ControlError(400, 'invalid_request', `${field} must be a string.`);
  }
  for (const field of ['clientId', 'user'] as const) {
    if (!input[field]) throw new ControlError(400, 'invalid_request', `${field} is required.`);
  }
  return { ...(input as Omit<MintRequest, 'tenant'>), tenant: String(req.params.tenant) };
}

/**
 * `POST /_emulator/tenants/{tenant}/sign-ins/{code|id-token|access-token}`: what a sign-in would hand
 * the app, without the sign-in page, for load tests (thousands of sign-ins a second).
 */
export function createSignInMintingRouter(ctx: IdentityContext): express.Router {
  const router = express.Router();
  router.post('/tenants/:tenant/sign-ins/code', async (req, res) => {
    res.json(await mintAuthorizationResponse(ctx, requestOrigin(req), mintRequest(req), 'code'));
  });
  router.post('/tenants/:tenant/sign-ins/id-token', async (req, res) => {
    res.json(await mintAuthorizationResponse(ctx, requestOrigin(req), mintRequest(req), 'id_token'));
  });
  router.post('/tenants/:tenant/sign-ins/access-token', async (req, res) => {
    res.json(await mintAccessToken(ctx, requestOrigin(req), mintRequest(req)));
  });
  router.use(mintingErrors);
  return router;
}

/** Entra's refusal as `{error: {code: <oauth error>, message: "AADSTSnnnnn: ..."}}`, status 400 (401 for clients). */
const mintingErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const aadstsError = error instanceof AuthorizeRedirectError ? error.error : error;
  if (aadstsError instanceof AadstsError) {
    res.status(aadstsError.status).json({
      error: { code: aadstsError.oauthError, message: aadstsError.message, aadsts: aadstsError.code },
    });
    return;
  }
  if (error instanceof ControlError) {
    res.status(error.status).json({ error: { code: error.code, message: error.message } });
    return;
  }
  next(error);
};
