import { aadsts } from '../aadsts-catalog';
import { AadstsError } from '../aadsts-error';
import type { IdentityContext } from '../identity-context';
import { authenticateUser } from '../user-authentication';
import { validateAuthorizeRequest, type AuthorizeParams, type AuthorizeRequest } from './authorize-request';
import { completeAuthorization } from './complete-authorization';

/** How long a sign-in page stays usable. */
const SIGN_IN_FLOW_LIFETIME_MS = 15 * 60 * 1000;

export interface StartedSignIn {
  request: AuthorizeRequest;
  /** Opaque id of the validated request, carried by the sign-in form. */
  flow: string;
}

export type SignInResult =
  | { kind: 'retry'; request: AuthorizeRequest; flow: string; error: AadstsError }
  | { kind: 'done'; request: AuthorizeRequest; params: Record<string, string> };

/** Validates the authorization request and keeps it server-side while the user signs in. */
export function beginSignIn(
  ctx: IdentityContext,
  segmentText: string,
  params: AuthorizeParams,
): StartedSignIn {
  const request = validateAuthorizeRequest(ctx, segmentText, params);
  return { request, flow: ctx.grants.addSignIn(request, ctx.clock.now() + SIGN_IN_FLOW_LIFETIME_MS) };
}

/**
 * Checks the name and password posted from the sign-in page. A wrong one keeps the flow open for
 * another try (Microsoft shows the page again); a right one ends it with the authorization response.
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
  let authenticated;
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
  return { kind: 'done', request, params };
}
