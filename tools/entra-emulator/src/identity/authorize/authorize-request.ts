import { aadsts } from '../errors/aadsts-catalog';
import { AadstsError } from '../errors/aadsts-error';
import type { IdentityContext } from '../identity-context';
import {
  findRegisteredClient,
  redirectUriKind,
  requireEnabled,
  type RegisteredClient,
} from '../clients/registered-client';
import { parseScopeParameter, resolveRequestedScopes } from '../consent/requested-scopes';
import { resolveTenantSegment, tenantDisplayName, type TenantSegment } from '../tenant-resolver';

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

/** What the checks learn about a request as they go; each check reads what earlier ones set. */
interface AuthorizeDraft {
  ctx: IdentityContext;
  params: AuthorizeParams;
  segmentText: string;
  segment?: TenantSegment;
  client?: RegisteredClient;
  redirectUri?: string;
  responseTypes?: Set<string>;
  wantsIdToken?: boolean;
  /** Where an error goes once the redirect URI is trusted (the response mode refined on the way). */
  target?: RedirectTarget;
  scopes?: string[];
  challengeMethod?: 'S256' | 'plain';
}

type AuthorizeCheck = (draft: AuthorizeDraft) => void;

/**
 * Until the redirect URI is known to be registered, a failure is shown on the emulator's page (RFC 6749
 * section 4.1.2.1: never redirect to an unverified URI).
 */
const PAGE_CHECKS: readonly AuthorizeCheck[] = [
  resolveTenant,
  requireKnownClient,
  requireEnabledClient,
  requireRegisteredRedirectUri,
  readResponseTypes,
];

/** After that, a failure goes back to the app's redirect URI, in this order. */
const REDIRECT_CHECKS: readonly AuthorizeCheck[] = [
  readResponseMode,
  requireResponseType,
  refuseUnknownResponseTypes,
  refuseIdTokenInQuery,
  requireIdTokenIssuanceEnabled,
  requireScope,
  requireOpenIdForIdToken,
  requireNonceForIdToken,
  requireResolvableScopes,
  readCodeChallenge,
];

/**
 * Validates `/{tenant}/oauth2/v2.0/authorize` (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow)
 * as an ordered list of small checks, as node-oidc-provider does. Page-stage errors are thrown as
 * {@link AadstsError}; redirect-stage ones as {@link AuthorizeRedirectError}s sent back to the app.
 */
export function validateAuthorizeRequest(
  ctx: IdentityContext,
  segmentText: string,
  params: AuthorizeParams,
): AuthorizeRequest {
  const draft: AuthorizeDraft = { ctx, params, segmentText };
  for (const check of PAGE_CHECKS) check(draft);
  for (const check of REDIRECT_CHECKS) {
    try {
      check(draft);
    } catch (error) {
      if (error instanceof AadstsError)
        throw new AuthorizeRedirectError(error, draft.target as RedirectTarget);
      throw error;
    }
  }
  return toAuthorizeRequest(draft);
}

function toAuthorizeRequest(draft: AuthorizeDraft): AuthorizeRequest {
  const { params, segment, client, target, responseTypes } = draft as Required<AuthorizeDraft>;
  return {
    ...target,
    tenantSegment: segment.kind === 'tenant' ? segment.tenant.id : segment.alias,
    clientAppId: client.appId,
    applicationName: client.displayName,
    wantsCode: responseTypes.has('code'),
    wantsIdToken: responseTypes.has('id_token'),
    scopes: draft.scopes ?? [],
    nonce: params.nonce,
    prompt: params.prompt,
    loginHint: params.login_hint,
    codeChallenge: params.code_challenge,
    codeChallengeMethod: draft.challengeMethod,
  };
}

function resolveTenant(draft: AuthorizeDraft): void {
  draft.segment = resolveTenantSegment(draft.ctx.store, draft.segmentText);
}

function requireKnownClient(draft: AuthorizeDraft): void {
  const clientId = draft.params.client_id;
  if (!clientId) throw aadsts.missingParameter('client_id');
  const segment = draft.segment as TenantSegment;
  const tenants = segment.kind === 'tenant' ? [segment.tenant] : draft.ctx.store.tenants();
  draft.client = findClientForSegment(draft.ctx, tenants, clientId);
  if (!draft.client)
    throw aadsts.applicationNotFound(
      clientId,
      segment.kind === 'tenant' ? tenantDisplayName(segment.tenant) : draft.segmentText,
    );
}

function requireEnabledClient(draft: AuthorizeDraft): void {
  requireEnabled(draft.client as RegisteredClient);
}

// https://learn.microsoft.com/entra/identity-platform/reply-url: an exact match with a registered URI.
function requireRegisteredRedirectUri(draft: AuthorizeDraft): void {
  const redirectUri = draft.params.redirect_uri;
  if (!redirectUri) throw aadsts.missingParameter('redirect_uri');
  const client = draft.client as RegisteredClient;
  if (!redirectUriKind(client, redirectUri)) throw aadsts.redirectUriMismatch(redirectUri, client.appId);
  draft.redirectUri = redirectUri;
}

function readResponseTypes(draft: AuthorizeDraft): void {
  draft.responseTypes = new Set((draft.params.response_type ?? '').split(/\s+/).filter(Boolean));
  draft.wantsIdToken = draft.responseTypes.has('id_token');
  draft.target = {
    redirectUri: draft.redirectUri as string,
    responseMode: draft.wantsIdToken ? 'fragment' : 'query',
    state: draft.params.state,
  };
}

function readResponseMode(draft: AuthorizeDraft): void {
  const responseMode = parseResponseMode(draft.params.response_mode, draft.wantsIdToken === true);
  if (!responseMode) throw aadsts.unsupportedResponseMode(draft.params.response_mode ?? '');
  draft.target = { ...(draft.target as RedirectTarget), responseMode };
}

function requireResponseType(draft: AuthorizeDraft): void {
  if (draft.responseTypes?.size === 0) throw aadsts.missingParameter('response_type');
}

function refuseUnknownResponseTypes(draft: AuthorizeDraft): void {
  if ([...(draft.responseTypes ?? [])].some((type) => type !== 'code' && type !== 'id_token'))
    throw aadsts.unsupportedResponseType(draft.params.response_type ?? '');
}

// OAuth 2.0 Multiple Response Type Encoding Practices, section 5: id_token never goes in a query string.
function refuseIdTokenInQuery(draft: AuthorizeDraft): void {
  if (draft.wantsIdToken && draft.target?.responseMode === 'query') throw aadsts.queryModeWithIdToken();
}

// https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc: ID tokens from the authorize
// endpoint need "ID tokens" enabled under implicit grant and hybrid flows.
function requireIdTokenIssuanceEnabled(draft: AuthorizeDraft): void {
  if (draft.wantsIdToken && !draft.client?.idTokenIssuanceEnabled) throw aadsts.idTokenNotEnabled();
}

function requireScope(draft: AuthorizeDraft): void {
  draft.scopes = parseScopeParameter(draft.params.scope);
  if (draft.scopes.length === 0) throw aadsts.missingParameter('scope');
}

function requireOpenIdForIdToken(draft: AuthorizeDraft): void {
  if (draft.wantsIdToken && !draft.scopes?.includes('openid'))
    throw aadsts.invalidScope('(openid is required for an id_token)');
}

// OpenID Connect Core 3.2.2.1: a nonce is required when an id_token comes from the authorize endpoint.
function requireNonceForIdToken(draft: AuthorizeDraft): void {
  if (draft.wantsIdToken && !draft.params.nonce) throw aadsts.requiredFieldMissing('nonce');
}

/** With a specific tenant the scopes are checked now; at common/organizations once the user is known. */
function requireResolvableScopes(draft: AuthorizeDraft): void {
  if (draft.segment?.kind === 'tenant') resolveRequestedScopes(draft.segment.tenant, draft.scopes ?? []);
}

function readCodeChallenge(draft: AuthorizeDraft): void {
  const method = parseChallengeMethod(draft.params.code_challenge, draft.params.code_challenge_method);
  if (method === 'invalid') throw aadsts.unsupportedChallengeMethod();
  draft.challengeMethod = method;
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
