import express, { type Request, type Response } from 'express';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { AadstsError } from '../errors/aadsts-error';
import { sendAadstsPage } from '../errors/aadsts-replies';
import type { IdentityContext } from '../identity-context';
import { page, escapeHtml } from '../pages/html';
import { findRegisteredClient, redirectUriKind } from '../clients/registered-client';
import { resolveTenantSegment } from '../tenant-resolver';
import { clearSessionCookie, sessionIdOf } from '../authorize/browser-session';

/**
 * `GET /{tenant}/oauth2/v2.0/logout` (OpenID Connect RP-Initiated Logout, as Microsoft implements it:
 * https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#send-a-sign-out-request).
 * Ends the browser's emulator session, then sends the browser
 * back to `post_logout_redirect_uri` when it is registered for the app named by `client_id` or by the
 * `id_token_hint`, else to a "You signed out" page.
 */
export function createLogoutRouter(ctx: IdentityContext): express.Router {
  const router = express.Router();
  router.get('/:tenant/oauth2/v2.0/logout', (req, res) => signOut(ctx, req, res));
  return router;
}

async function signOut(ctx: IdentityContext, req: Request, res: Response): Promise<void> {
  try {
    const segment = resolveTenantSegment(ctx.store, String(req.params.tenant));
    endSession(ctx, req, res);
    const query = (name: string) =>
      typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined;
    const redirectUri = query('post_logout_redirect_uri');
    const clientId = query('client_id') ?? (await verifiedAudience(ctx, query('id_token_hint')));
    const tenants = segment.kind === 'tenant' ? [segment.tenant] : ctx.store.tenants();
    const client = clientId
      ? tenants
          .map((tenant) => findRegisteredClient(tenant, () => ctx.store.tenants(), clientId))
          .find(Boolean)
      : undefined;
    if (redirectUri && client && redirectUriKind(client, redirectUri)) {
      const target = new URL(redirectUri);
      const state = query('state');
      if (state) target.searchParams.set('state', state);
      res.redirect(302, target.toString());
      return;
    }
    res
      .type('html')
      .send(
        page(
          'Sign out',
          `<h1 id="signedOut">You signed out of your account</h1><p>${escapeHtml("It's a good idea to close all browser windows.")}</p>`,
        ),
      );
  } catch (error) {
    if (!(error instanceof AadstsError)) throw error;
    sendAadstsPage(req, res, error, ctx.clock);
  }
}

function endSession(ctx: IdentityContext, req: Request, res: Response): void {
  const sessionId = sessionIdOf(req);
  if (sessionId) ctx.grants.removeSession(sessionId);
  clearSessionCookie(res);
}

/** The `aud` of an id_token the emulator signed (expired ones included, as the hint may be old). */
async function verifiedAudience(
  ctx: IdentityContext,
  idTokenHint: string | undefined,
): Promise<string | undefined> {
  if (!idTokenHint) return undefined;
  try {
    const key = ctx.keys.verificationKey(decodeProtectedHeader(idTokenHint).kid ?? '');
    if (!key) return undefined;
    const { payload } = await compactVerify(idTokenHint, key.publicKey, { algorithms: ['RS256'] });
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    const aud = typeof claims === 'object' && claims !== null ? (claims as { aud?: unknown }).aud : undefined;
    return typeof aud === 'string' ? aud : undefined;
  } catch {
    return undefined;
  }
}
