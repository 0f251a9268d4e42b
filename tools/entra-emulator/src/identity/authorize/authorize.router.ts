import express, { type Request, type Response } from 'express';
import { requestOrigin } from '../../server/request-origin';
import { aadsts } from '../aadsts-catalog';
import { AadstsError } from '../aadsts-error';
import { sendAadstsPage, sendAadstsRedirect } from '../aadsts-replies';
import type { IdentityContext } from '../identity-context';
import { signInPage } from '../pages/sign-in-page';
import { authenticateUser } from '../user-authentication';
import {
  AuthorizeRedirectError,
  validateAuthorizeRequest,
  type AuthorizeParams,
  type AuthorizeRequest,
} from './authorize-request';
import { sendAuthorizeResponse } from './authorize-response';
import { completeAuthorization } from './complete-authorization';

/** How long a sign-in page stays usable. */
const SIGN_IN_FLOW_LIFETIME_MS = 15 * 60 * 1000;

/**
 * `GET|POST /{tenant}/oauth2/v2.0/authorize` shows the sign-in page; `POST /{tenant}/login` checks
 * the password and answers the app in its response mode.
 */
export function createAuthorizeRouter(ctx: IdentityContext): express.Router {
  const router = express.Router();
  const authorize = (params: AuthorizeParams) => (req: Request, res: Response) =>
    startAuthorization(ctx, req, res, params);
  router.get('/:tenant/oauth2/v2.0/authorize', (req, res) => authorize(stringParams(req.query))(req, res));
  router.post('/:tenant/oauth2/v2.0/authorize', (req, res) => authorize(stringParams(req.body))(req, res));
  router.post('/:tenant/login', (req, res) => finishSignIn(ctx, req, res));
  return router;
}

function startAuthorization(
  ctx: IdentityContext,
  req: Request,
  res: Response,
  params: AuthorizeParams,
): void {
  try {
    const request = validateAuthorizeRequest(ctx, String(req.params.tenant), params);
    const flow = ctx.grants.addSignIn(request, ctx.clock.now() + SIGN_IN_FLOW_LIFETIME_MS);
    res.status(200).type('html').send(pageFor(request, flow));
  } catch (error) {
    answerError(ctx, req, res, error);
  }
}

async function finishSignIn(ctx: IdentityContext, req: Request, res: Response): Promise<void> {
  const form = stringParams(req.body);
  const flow = form.flow ?? '';
  const pending = ctx.grants.signIn(flow);
  if (!pending || pending.expiresAt <= ctx.clock.now()) {
    sendAadstsPage(req, res, aadsts.signInFlowExpired(), ctx.clock);
    return;
  }
  const request = pending.request;
  try {
    const { tenant, user } = authenticateUser(
      ctx.store,
      request.tenantSegment,
      form.login ?? '',
      form.passwd ?? '',
    );
    ctx.grants.removeSignIn(flow);
    const params = await completeAuthorization(ctx, request, tenant, user, requestOrigin(req));
    sendAuthorizeResponse(res, request, params);
  } catch (error) {
    if (error instanceof AadstsError) {
      // Wrong name or password: the page is shown again with the error, as Microsoft does.
      res
        .status(200)
        .type('html')
        .send(pageFor(request, flow, error, form.login));
      return;
    }
    answerError(ctx, req, res, error);
  }
}

function pageFor(request: AuthorizeRequest, flow: string, error?: AadstsError, login?: string): string {
  return signInPage({
    action: `/${request.tenantSegment}/login`,
    hidden: { flow },
    applicationName: request.applicationName,
    loginHint: login ?? request.loginHint,
    error: error ? { code: error.code, message: error.publicMessage } : undefined,
  });
}

function answerError(ctx: IdentityContext, req: Request, res: Response, error: unknown): void {
  if (error instanceof AuthorizeRedirectError) {
    sendAadstsRedirect(req, res, error.error, error.target, ctx.clock);
  } else if (error instanceof AadstsError) {
    sendAadstsPage(req, res, error, ctx.clock);
  } else {
    throw error;
  }
}

function stringParams(source: unknown): AuthorizeParams {
  const params: AuthorizeParams = {};
  if (typeof source !== 'object' || source === null) return params;
  for (const [name, value] of Object.entries(source)) if (typeof value === 'string') params[name] = value;
  return params;
}
