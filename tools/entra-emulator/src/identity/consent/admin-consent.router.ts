import express, { type Request, type Response } from 'express';
import { AadstsError } from '../errors/aadsts-error';
import { sendAadstsPage, sendAadstsRedirect } from '../errors/aadsts-replies';
import { AuthorizeRedirectError } from '../authorize/authorize-request';
import { sendAuthorizeResponse } from '../authorize/authorize-response';
import { sessionIdOf, setSessionCookie } from '../authorize/browser-session';
import type { IdentityContext } from '../identity-context';
import { consentPage } from '../pages/consent-page';
import { signInPage } from '../pages/sign-in-page';
import {
  beginAdminConsent,
  decideAdminConsent,
  submitAdminSignIn,
  type AdminConsentStep,
} from './admin-consent';

/**
 * The admin consent endpoint (`/{tenant}/v2.0/adminconsent`, and v1's `/{tenant}/adminconsent`): sign-in,
 * the "Permissions requested" prompt, then back to the app's registered redirect URI.
 */
export function createAdminConsentRouter(ctx: IdentityContext): express.Router {
  const router = express.Router();
  const begin = (req: Request, res: Response) =>
    answer(ctx, req, res, () =>
      beginAdminConsent(ctx, String(req.params.tenant), stringParams(req.query), sessionOf(ctx, req)),
    );
  router.get('/:tenant/v2.0/adminconsent', begin);
  router.get('/:tenant/adminconsent', begin);
  router.post('/:tenant/adminconsent/login', (req, res) =>
    answer(ctx, req, res, () => {
      const form = stringParams(req.body);
      const step = submitAdminSignIn(ctx, form.flow ?? '', {
        login: form.login ?? '',
        password: form.passwd ?? '',
      });
      if (step.sessionId) setSessionCookie(res, step.sessionId);
      return step;
    }),
  );
  router.post('/:tenant/adminconsent/decision', (req, res) =>
    answer(ctx, req, res, () => {
      const form = stringParams(req.body);
      return decideAdminConsent(ctx, form.flow ?? '', form.decision ?? '');
    }),
  );
  return router;
}

function answer(ctx: IdentityContext, req: Request, res: Response, step: () => AdminConsentStep): void {
  try {
    show(res, step());
  } catch (error) {
    if (error instanceof AuthorizeRedirectError)
      sendAadstsRedirect(req, res, error.error, error.target, ctx.clock);
    else if (error instanceof AadstsError) sendAadstsPage(req, res, error, ctx.clock);
    else throw error;
  }
}

function show(res: Response, step: AdminConsentStep): void {
  const base = `/${step.request.tenantSegment}/adminconsent`;
  switch (step.kind) {
    case 'signIn':
      res.type('html').send(
        signInPage({
          action: `${base}/login`,
          hidden: { flow: step.flow },
          applicationName: step.request.applicationName,
          loginHint: step.login,
          error: step.error ? { code: step.error.code, message: step.error.publicMessage } : undefined,
        }),
      );
      return;
    case 'consent':
      res.type('html').send(
        consentPage({
          action: `${base}/decision`,
          flow: step.flow,
          applicationName: step.request.applicationName,
          publisherDomain: step.request.homeTenantId,
          userPrincipalName: step.user.userPrincipalName,
          permissions: step.permissions,
        }),
      );
      return;
    case 'granted':
      sendAuthorizeResponse(res, step.request, step.params);
      return;
  }
}

function sessionOf(ctx: IdentityContext, req: Request) {
  const id = sessionIdOf(req);
  const session = id ? ctx.grants.session(id) : undefined;
  const tenant = session ? ctx.store.tenant(session.tenantId) : undefined;
  const user = session ? tenant?.userById(session.userId) : undefined;
  return tenant && user && user.accountEnabled !== false ? { tenant, user } : undefined;
}

function stringParams(source: unknown): Record<string, string | undefined> {
  const params: Record<string, string | undefined> = {};
  if (typeof source !== 'object' || source === null) return params;
  for (const [name, value] of Object.entries(source)) if (typeof value === 'string') params[name] = value;
  return params;
}
