import express, { type Request, type Response } from 'express';
import { requestOrigin } from '../../shared/request-origin';
import { AadstsError } from '../errors/aadsts-error';
import { sendAadstsJson } from '../errors/aadsts-replies';
import type { IdentityContext } from '../identity-context';
import { deviceCodeDonePage, deviceCodeEntryPage } from '../pages/device-pages';
import { signInPage } from '../pages/sign-in-page';
import {
  enterUserCode,
  signInForDevice,
  startDeviceAuthorization,
  type EnteredDeviceCode,
} from './device-authorization';

const ENTRY_PATH = '/devicelogin';
const SIGN_IN_PATH = '/devicelogin/signin';

/**
 * Device authorization (RFC 8628; https://learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code):
 * `POST /{tenant}/oauth2/v2.0/devicecode` starts it; the user enters the code at `/devicelogin`,
 * signs in or declines; the client polls the token endpoint.
 */
export function createDeviceCodeRouter(ctx: IdentityContext): express.Router {
  const router = express.Router();
  router.post('/:tenant/oauth2/v2.0/devicecode', (req, res) => {
    answerJson(ctx, req, res, () =>
      startDeviceAuthorization(ctx, String(req.params.tenant), formOf(req), requestOrigin(req)),
    );
  });
  router.get(ENTRY_PATH, (_req, res) => {
    res.type('html').send(deviceCodeEntryPage(ENTRY_PATH));
  });
  router.post(ENTRY_PATH, (req, res) => {
    answerPage(res, () => deviceSignInPage(enterUserCode(ctx, formOf(req).otc ?? '')));
  });
  router.post(SIGN_IN_PATH, (req, res) => {
    const form = formOf(req);
    answerPage(res, () => {
      const outcome = signInForDevice(ctx, form.user_code ?? '', {
        login: form.login ?? '',
        password: form.passwd ?? '',
        decline: form.action === 'decline',
      });
      return outcome.kind === 'retry'
        ? deviceSignInPage(outcome.entered, outcome.error, form.login)
        : deviceCodeDonePage(outcome.applicationName, outcome.kind);
    });
  });
  return router;
}

function answerJson(ctx: IdentityContext, req: Request, res: Response, produce: () => object): void {
  try {
    res.set('Cache-Control', 'no-store').json(produce());
  } catch (error) {
    if (!(error instanceof AadstsError)) throw error;
    sendAadstsJson(req, res, error, ctx.clock);
  }
}

/** A bad or expired user code sends the user back to the code entry page with the AADSTS error. */
function answerPage(res: Response, produce: () => string): void {
  try {
    res.type('html').send(produce());
  } catch (error) {
    if (!(error instanceof AadstsError)) throw error;
    res
      .status(400)
      .type('html')
      .send(deviceCodeEntryPage(ENTRY_PATH, { code: error.code, message: error.publicMessage }));
  }
}

function deviceSignInPage(entered: EnteredDeviceCode, error?: AadstsError, login?: string): string {
  return signInPage({
    action: SIGN_IN_PATH,
    hidden: { user_code: entered.grant.userCode },
    applicationName: entered.applicationName,
    loginHint: login,
    allowDecline: true,
    error: error ? { code: error.code, message: error.publicMessage } : undefined,
  });
}

function formOf(req: Request): Record<string, string | undefined> {
  const body: unknown = req.body;
  const form: Record<string, string | undefined> = {};
  if (typeof body === 'object' && body !== null) {
    for (const [name, value] of Object.entries(body)) if (typeof value === 'string') form[name] = value;
  }
  return form;
}
