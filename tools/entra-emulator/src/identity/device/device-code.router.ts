import express, { type Request, type Response } from 'express';
import { requestOrigin } from '../../server/request-origin';
import { DEVICE_CODE_LIFETIME_SECONDS } from '../../tokens/token-lifetimes';
import { aadsts } from '../aadsts-catalog';
import { AadstsError } from '../aadsts-error';
import { sendAadstsJson } from '../aadsts-replies';
import type { IdentityContext } from '../identity-context';
import { findRegisteredClient, type RegisteredClient } from '../registered-client';
import { parseScopeParameter, resolveRequestedScopes } from '../requested-scopes';
import { resolveTenantSegment, tenantDisplayName, type TenantSegment } from '../tenant-resolver';
import { deviceCodeDonePage, deviceCodeEntryPage } from '../pages/device-pages';
import { signInPage } from '../pages/sign-in-page';
import { authenticateUser } from '../user-authentication';

/**
 * Device authorization (RFC 8628; https://learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code):
 * `POST /{tenant}/oauth2/v2.0/devicecode` starts it; the user enters the code at `/devicelogin`,
 * signs in or declines; the client polls the token endpoint.
 */
export function createDeviceCodeRouter(ctx: IdentityContext): express.Router {
  const router = express.Router();
  router.post('/:tenant/oauth2/v2.0/devicecode', (req, res) => startDeviceAuthorization(ctx, req, res));
  router.get('/devicelogin', (_req, res) => {
    res.type('html').send(deviceCodeEntryPage('/devicelogin'));
  });
  router.post('/devicelogin', (req, res) => enterUserCode(ctx, req, res));
  router.post('/devicelogin/signin', (req, res) => signInForDevice(ctx, req, res));
  return router;
}

function startDeviceAuthorization(ctx: IdentityContext, req: Request, res: Response): void {
  try {
    const segmentText = String(req.params.tenant);
    const segment = resolveTenantSegment(ctx.store, segmentText);
    const body = formOf(req);
    if (!body.client_id) throw aadsts.missingParameter('client_id');
    const client = findClient(ctx, segment, body.client_id);
    if (!client)
      throw aadsts.applicationNotFound(
        body.client_id,
        segment.kind === 'tenant' ? tenantDisplayName(segment.tenant) : segmentText,
      );
    const scopes = parseScopeParameter(body.scope);
    if (scopes.length === 0) throw aadsts.missingParameter('scope');
    if (segment.kind === 'tenant') resolveRequestedScopes(segment.tenant, scopes);
    const grant = ctx.grants.addDeviceCode({
      tenantSegment: segment.kind === 'tenant' ? segment.tenant.id : segment.alias,
      clientAppId: client.appId,
      scopes,
      expiresAt: ctx.clock.now() + DEVICE_CODE_LIFETIME_SECONDS * 1000,
      intervalSeconds: ctx.settings.deviceCodeIntervalSeconds,
      state: 'pending',
    });
    const verificationUri = `${requestOrigin(req)}/devicelogin`;
    res.set('Cache-Control', 'no-store').json({
      user_code: grant.userCode,
      device_code: grant.deviceCode,
      verification_uri: verificationUri,
      expires_in: DEVICE_CODE_LIFETIME_SECONDS,
      interval: grant.intervalSeconds,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${grant.userCode} to authenticate.`,
    });
  } catch (error) {
    if (!(error instanceof AadstsError)) throw error;
    sendAadstsJson(req, res, error, ctx.clock);
  }
}

function enterUserCode(ctx: IdentityContext, req: Request, res: Response): void {
  const grant = ctx.grants.deviceCodeByUserCode(formOf(req).otc ?? '');
  const problem =
    !grant || grant.state !== 'pending'
      ? aadsts.badVerificationCode()
      : grant.expiresAt <= ctx.clock.now()
        ? aadsts.deviceCodeExpired()
        : undefined;
  if (problem || !grant) {
    res
      .status(400)
      .type('html')
      .send(
        deviceCodeEntryPage('/devicelogin', {
          code: problem?.code ?? 70018,
          message: problem?.publicMessage ?? '',
        }),
      );
    return;
  }
  res.type('html').send(deviceSignInPage(ctx, grant.userCode, grant.clientAppId, grant.tenantSegment));
}

function signInForDevice(ctx: IdentityContext, req: Request, res: Response): void {
  const form = formOf(req);
  const grant = ctx.grants.deviceCodeByUserCode(form.user_code ?? '');
  if (!grant || grant.state !== 'pending' || grant.expiresAt <= ctx.clock.now()) {
    const problem =
      grant && grant.state === 'pending' ? aadsts.deviceCodeExpired() : aadsts.badVerificationCode();
    res
      .status(400)
      .type('html')
      .send(deviceCodeEntryPage('/devicelogin', { code: problem.code, message: problem.publicMessage }));
    return;
  }
  const applicationName = applicationNameOf(ctx, grant.clientAppId, grant.tenantSegment);
  if (form.action === 'decline') {
    grant.state = 'declined';
    res.type('html').send(deviceCodeDonePage(applicationName, 'declined'));
    return;
  }
  try {
    const { tenant, user } = authenticateUser(
      ctx.store,
      grant.tenantSegment,
      form.login ?? '',
      form.passwd ?? '',
    );
    grant.state = 'approved';
    grant.tenantId = tenant.id;
    grant.userId = user.id;
    res.type('html').send(deviceCodeDonePage(applicationName, 'approved'));
  } catch (error) {
    if (!(error instanceof AadstsError)) throw error;
    res
      .type('html')
      .send(deviceSignInPage(ctx, grant.userCode, grant.clientAppId, grant.tenantSegment, error, form.login));
  }
}

function deviceSignInPage(
  ctx: IdentityContext,
  userCode: string,
  clientAppId: string,
  tenantSegment: string,
  error?: AadstsError,
  login?: string,
): string {
  return signInPage({
    action: '/devicelogin/signin',
    hidden: { user_code: userCode },
    applicationName: applicationNameOf(ctx, clientAppId, tenantSegment),
    loginHint: login,
    allowDecline: true,
    error: error ? { code: error.code, message: error.publicMessage } : undefined,
  });
}

function findClient(
  ctx: IdentityContext,
  segment: TenantSegment,
  appId: string,
): RegisteredClient | undefined {
  const tenants = segment.kind === 'tenant' ? [segment.tenant] : ctx.store.tenants();
  for (const tenant of tenants) {
    const client = findRegisteredClient(tenant, () => ctx.store.tenants(), appId);
    if (client) return client;
  }
  return undefined;
}

function applicationNameOf(ctx: IdentityContext, appId: string, tenantSegment: string): string {
  const segment = ctx.store.tenant(tenantSegment);
  return (
    findClient(
      ctx,
      segment ? { kind: 'tenant', tenant: segment } : { kind: 'common', alias: tenantSegment },
      appId,
    )?.displayName ?? appId
  );
}

function formOf(req: Request): Record<string, string | undefined> {
  const body: unknown = req.body;
  const form: Record<string, string | undefined> = {};
  if (typeof body === 'object' && body !== null)
    for (const [name, value] of Object.entries(body)) if (typeof value === 'string') form[name] = value;
  return form;
}
