import { aadsts } from '../aadsts-catalog';
import type { AadstsError } from '../aadsts-error';
import type { IdentityContext } from '../identity-context';
import {
  findRegisteredClient,
  redirectUriKind,
  requireEnabled,
  type RegisteredClient,
} from '../registered-client';
import { parseScopeParameter, resolveRequestedScopes } from '../requested-scopes';
import { resolveTenantSegment, tenantDisplayName } from '../tenant-resolver';

export type ResponseMode = 'query' | 'fragment' | 'form_post';

/** Where an error or a result is sent once the redirect URI is known to be registered. */
export interface RedirectTarget {
  redirectUri: string;
  responseMode: ResponseMode;
  state?: string;
}

/** A validated authorization request, kept server-side while the user signs in. */
export interface AuthorizeRequest extends RedirectTarget {
  tenantSegment: string;
  clientAppId: string;
  applicationName: string;
  wantsCode: boolean;
  wantsIdToken: boolean;
  scopes: string[];
  nonce?: string;
  prompt?: string;
  loginHint?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
}

/** An error the app must receive at its (registered) redirect URI. */
export class AuthorizeRedirectError extends Error {
  constructor(
    readonly error: AadstsError,
    readonly target: RedirectTarget,
  ) {
    super(error.message);
    this.name = 'AuthorizeRedirectError';
  }
}

export type AuthorizeParams = Record<string, string | undefined>;

/**
 * Validates `/{tenant}/oauth2/v2.0/authorize` (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow).
 * Until the redirect URI is known to be registered, errors are thrown as {@link AadstsError} and shown
 * on the emulator's page (RFC 6749 section 4.1.2.1: never redirect to an unverified URI); afterwards
 * they are {@link AuthorizeRedirectError}s sent back to the app.
 */
export function validateAuthorizeRequest(
  ctx: IdentityContext,
  segmentText: string,
  params: AuthorizeParams,
): AuthorizeRequest {
  const segment = resolveTenantSegment(ctx.store, segmentText);
  const clientId = params.client_id;
  if (!clientId) throw aadsts.missingParameter('client_id');
  const client = findClientForSegment(
    ctx,
    segment.kind === 'tenant' ? [segment.tenant] : ctx.store.tenants(),
    clientId,
  );
  if (!client)
    throw aadsts.applicationNotFound(
      clientId,
      segment.kind === 'tenant' ? tenantDisplayName(segment.tenant) : segmentText,
    );
  requireEnabled(client);
  const redirectUri = params.redirect_uri;
  if (!redirectUri) throw aadsts.missingParameter('redirect_uri');
  if (!redirectUriKind(client, redirectUri)) throw aadsts.redirectUriMismatch(redirectUri, client.appId);

  const responseTypes = new Set((params.response_type ?? '').split(/\s+/).filter(Boolean));
  const wantsIdToken = responseTypes.has('id_token');
  const fallbackTarget: RedirectTarget = {
    redirectUri,
    responseMode: wantsIdToken ? 'fragment' : 'query',
    state: params.state,
  };
  const fail = (error: AadstsError, target: RedirectTarget = fallbackTarget) =>
    new AuthorizeRedirectError(error, target);

  const responseMode = parseResponseMode(params.response_mode, wantsIdToken);
  if (!responseMode) throw fail(aadsts.unsupportedResponseMode(params.response_mode ?? ''));
  const target: RedirectTarget = { redirectUri, responseMode, state: params.state };
  if (responseTypes.size === 0) throw fail(aadsts.missingParameter('response_type'), target);
  const wantsCode = responseTypes.has('code');
  if ([...responseTypes].some((type) => type !== 'code' && type !== 'id_token')) {
    throw fail(aadsts.unsupportedResponseType(params.response_type ?? ''), target);
  }
  // OAuth 2.0 Multiple Response Type Encoding Practices, section 5: id_token never goes in a query string.
  if (wantsIdToken && responseMode === 'query') throw fail(aadsts.queryModeWithIdToken(), target);
  // https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc: ID tokens from the authorize
  // endpoint need "ID tokens" enabled under implicit grant and hybrid flows.
  if (wantsIdToken && !client.idTokenIssuanceEnabled) throw fail(aadsts.idTokenNotEnabled(), target);

  const scopes = parseScopeParameter(params.scope);
  if (scopes.length === 0) throw fail(aadsts.missingParameter('scope'), target);
  if (wantsIdToken && !scopes.includes('openid'))
    throw fail(aadsts.invalidScope('(openid is required for an id_token)'), target);
  // OpenID Connect Core 3.2.2.1: a nonce is required when an id_token comes from the authorize endpoint.
  if (wantsIdToken && !params.nonce) throw fail(aadsts.requiredFieldMissing('nonce'), target);
  if (segment.kind === 'tenant') {
    try {
      resolveRequestedScopes(segment.tenant, scopes);
    } catch (error) {
      throw fail(error as AadstsError, target);
    }
  }
  const challengeMethod = parseChallengeMethod(params.code_challenge, params.code_challenge_method);
  if (challengeMethod === 'invalid') throw fail(aadsts.unsupportedChallengeMethod(), target);

  return {
    ...target,
    tenantSegment: segment.kind === 'tenant' ? segment.tenant.id : segment.alias,
    clientAppId: client.appId,
    applicationName: client.displayName,
    wantsCode,
    wantsIdToken,
    scopes,
    nonce: params.nonce,
    prompt: params.prompt,
    loginHint: params.login_hint,
    codeChallenge: params.code_challenge,
    codeChallengeMethod: challengeMethod,
  };
}

function findClientForSegment(
  ctx: IdentityContext,
  tenants: ReturnType<IdentityContext['store']['tenants']>,
  appId: string,
): RegisteredClient | undefined {
  for (const tenant of tenants) {
    const client = findRegisteredClient(tenant, () => ctx.store.tenants(), appId);
    if (client) return client;
  }
  return undefined;
}

function parseResponseMode(value: string | undefined, wantsIdToken: boolean): ResponseMode | undefined {
  if (value === undefined || value === '') return wantsIdToken ? 'fragment' : 'query';
  return value === 'query' || value === 'fragment' || value === 'form_post' ? value : undefined;
}

// RFC 7636 section 4.2-4.3: the method defaults to plain; the challenge is 43-128 unreserved characters.
function parseChallengeMethod(
  challenge: string | undefined,
  method: string | undefined,
): 'S256' | 'plain' | 'invalid' | undefined {
  if (!challenge) return undefined;
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(challenge)) return 'invalid';
  if (method === undefined || method === 'plain') return 'plain';
  return method === 'S256' ? 'S256' : 'invalid';
}
