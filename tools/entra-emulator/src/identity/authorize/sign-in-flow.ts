import { aadsts } from '../errors/aadsts-catalog';
import { AadstsError } from '../errors/aadsts-error';
import type { IdentityContext } from '../identity-context';
import { authenticateUser, type AuthenticatedUser } from '../user-authentication';
import {
  AuthorizeRedirectError,
  validateAuthorizeRequest,
  type AuthorizeParams,
  type AuthorizeRequest,
} from './authorize-request';
import { SESSION_LIFETIME_MS } from './browser-session';
import { completeAuthorization } from './complete-authorization';

/** How long a sign-in page stays usable. */
const SIGN_IN_FLOW_LIFETIME_MS = 15 * 60 * 1000;

/** Prompts that must show the sign-in page even with a session (OpenID Connect Core 3.1.2.1). */
const INTERACTIVE_PROMPTS: ReadonlySet<string> = new Set(['login', 'select_account', 'consent']);

export type BeginResult =
  | { kind: 'page'; request: AuthorizeRequest; flow: string }
  | { kind: 'done'; request: AuthorizeRequest; params: Record<string, string> };

export type SignInResult =
  | { kind: 'retry'; request: AuthorizeRequest; flow: string; error: AadstsError }
  | { kind: 'done'; request: AuthorizeRequest; params: Record<string, string>; sessionId: string };

/**
 * Validates the authorization request. With a signed-in browser session for a user of the tenant the
 * request is answered at once (single sign-on), unless the prompt asks for interaction; `prompt=none`
 * without such a session is `login_required`. Otherwise the request waits server-side for the sign-in.
 */
export async function beginSignIn(
  ctx: IdentityContext,
  segmentText: string,
  params: AuthorizeParams,
  sessionId: string | undefined,
  origin: string,
): Promise<BeginResult> {
  const request = validateAuthorizeRequest(ctx, segmentText, params);
  const signedIn = sessionId ? sessionUser(ctx, sessionId, request) : undefined;
  if (signedIn && !INTERACTIVE_PROMPTS.has(request.prompt ?? '')) {
    const result = await completeAuthorization(ctx, request, signedIn.tenant, signedIn.user, origin);
    return { kind: 'done', request, params: result };
  }
  if (request.prompt === 'none') throw new AuthorizeRedirectError(aadsts.loginRequired(), request);
  return {
    kind: 'page',
    request,
    flow: ctx.grants.addSignIn(request, ctx.clock.now() + SIGN_IN_FLOW_LIFETIME_MS),
  };
}

/**
 * Checks the name and password posted from the sign-in page. A wrong one keeps the flow open for
 * another try (Microsoft shows the page again); a right one ends it with the authorization response
 * and starts a browser session.
 */
export async function submitSignIn(
  ctx: IdentityContext,
  flow: string,
  credentials: { login: string; password: string },
  origin: string,
): Promise<SignInResult> {
  const pending = ctx.grants.signIn(flow);
  if (!pending || pending.expiresAt <= ctx.clock.now()) throw aadsts.signInFlowExpired();
  const request = pending.request;
  let authenticated: AuthenticatedUser;
  try {
    authenticated = authenticateUser(
      ctx.store,
      request.tenantSegment,
      credentials.login,
      credentials.password,
    );
  } catch (error) {
    if (!(error instanceof AadstsError)) throw error;
    return { kind: 'retry', request, flow, error };
  }
  ctx.grants.removeSignIn(flow);
  const params = await completeAuthorization(ctx, request, authenticated.tenant, authenticated.user, origin);
  const sessionId = ctx.grants.addSession({
    tenantId: authenticated.tenant.id,
    userId: authenticated.user.id,
    expiresAt: ctx.clock.now() + SESSION_LIFETIME_MS,
  });
  return { kind: 'done', request, params, sessionId };
}

/** The session's user, when the session is live, fits the request's tenant and the user may still sign in. */
function sessionUser(
  ctx: IdentityContext,
  sessionId: string,
  request: AuthorizeRequest,
): AuthenticatedUser | undefined {
  const session = ctx.grants.session(sessionId);
  if (!session) return undefined;
  const aliasRequest = request.tenantSegment === 'common' || request.tenantSegment === 'organizations';
  if (!aliasRequest && session.tenantId !== request.tenantSegment) return undefined;
  const tenant = ctx.store.tenant(session.tenantId);
  const user = tenant?.userById(session.userId);
  if (!tenant || !user || user.accountEnabled === false) return undefined;
  return { tenant, user };
}
