import express, { type Request, type Response } from 'express';
import { requestOrigin } from '../../shared/request-origin';
import { AadstsError } from '../errors/aadsts-error';
import { sendAadstsPage, sendAadstsRedirect } from '../errors/aadsts-replies';
import type { IdentityContext } from '../identity-context';
import { signInPage } from '../pages/sign-in-page';
import { AuthorizeRedirectError, type AuthorizeParams, type AuthorizeRequest } from './authorize-request';
import { sendAuthorizeResponse } from './authorize-response';
import { sessionIdOf, setSessionCookie } from './browser-session';
import { beginSignIn, submitSignIn } from './sign-in-flow';

/**
 * `GET|POST /{tenant}/oauth2/v2.0/authorize` shows the sign-in page; `POST /{tenant}/login` checks
 * the password and answers the app in its response mode.
 */
export function createAuthorizeRouter(ctx: IdentityContext): express.Router {
  const router = express.Router();
  const authorize = async (req: Request, res: Response, params: AuthorizeParams) => {
    try {
      const begun = await beginSignIn(
        ctx,
        String(req.params.tenant),
        params,
        sessionIdOf(req),
        requestOrigin(req),
      );
      if (begun.kind === 'done') sendAuthorizeResponse(res, begun.request, begun.params);
      else res.type('html').send(pageFor(begun.request, begun.flow));
    } catch (error) {
      answerError(ctx, req, res, error);
    }
  };
  router.get('/:tenant/oauth2/v2.0/authorize', (req, res) => authorize(req, res, stringParams(req.query)));
  router.post('/:tenant/oauth2/v2.0/authorize', (req, res) => authorize(req, res, stringParams(req.body)));
  router.post('/:tenant/login', async (req, res) => {
    const form = stringParams(req.body);
    try {
      const credentials = { login: form.login ?? '', password: form.passwd ?? '' };
      const result = await submitSignIn(ctx, form.flow ?? '', credentials, requestOrigin(req));
      if (result.kind === 'done') {
        setSessionCookie(res, result.sessionId);
        sendAuthorizeResponse(res, result.request, result.params);
      } else res.type('html').send(pageFor(result.request, result.flow, result.error, form.login));
    } catch (error) {
      answerError(ctx, req, res, error);
    }
  });
  return router;
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

/** Errors before the redirect URI is trusted go on the emulator's page; later ones back to the app. */
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
