import type { FixtureUser } from '../../fixture/fixture.types';
import type { TenantState } from '../../store/store.types';
import { aadsts } from '../errors/aadsts-catalog';
import { validateAuthorizeRequest } from '../authorize/authorize-request';
import { completeAuthorization } from '../authorize/complete-authorization';
import type { IdentityContext } from '../identity-context';
import { parseScopeParameter } from '../consent/requested-scopes';
import { tenantDisplayName } from '../tenant-resolver';
import { requireClient } from '../grants/token-request-scope';
import type { TokenResponseBody } from '../grants/token-response';
import { issueUserTokens } from '../grants/user-token-issuance';

/** Who signs in to which app, as an authorization request would say it. */
export interface MintRequest {
  /** Tenant id or verified domain. */
  tenant: string;
  clientId: string;
  /** The user's object id or UPN. */
  user: string;
  redirectUri?: string;
  scope?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  state?: string;
}

/**
 * Emulator only, for load tests of a sign-in gateway: the authorization response a browser would bring
 * back (`code`, or `id_token`), without the sign-in page. The request goes through the same checks as
 * `/authorize` (registered redirect URI, response type enabled, scopes, PKCE challenge form, nonce for
 * an id_token) and the result is bound the same way (a code to client, redirect URI, challenge, nonce).
 */
export async function mintAuthorizationResponse(
  ctx: IdentityContext,
  origin: string,
  input: MintRequest,
  responseType: 'code' | 'id_token',
): Promise<Record<string, string>> {
  const { tenant, user } = signedInUser(ctx, input);
  const request = validateAuthorizeRequest(ctx, tenant.id, {
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    response_type: responseType,
    response_mode: responseType === 'code' ? 'query' : 'form_post',
    scope: input.scope ?? 'openid profile',
    nonce: input.nonce,
    code_challenge: input.codeChallenge,
    code_challenge_method: input.codeChallengeMethod,
    state: input.state,
  });
  const params = await completeAuthorization(ctx, request, tenant, user, origin);
  return input.state === undefined ? params : { ...params, state: input.state };
}

/**
 * Emulator only: the delegated access token a public client (e.g. an Outlook add-in using nested app
 * authentication) would get for `scope`, consent and assignment checked as at the token endpoint.
 */
export async function mintAccessToken(
  ctx: IdentityContext,
  origin: string,
  input: MintRequest,
): Promise<TokenResponseBody> {
  const { tenant, user } = signedInUser(ctx, input);
  const scopes = parseScopeParameter(input.scope);
  if (scopes.length === 0) throw aadsts.missingParameter('scope');
  return issueUserTokens(ctx, {
    origin,
    client: requireClient(ctx, tenant, input.clientId),
    user,
    scopes,
    authentication: 'none',
    confidential: false,
  });
}

function signedInUser(ctx: IdentityContext, input: MintRequest): { tenant: TenantState; user: FixtureUser } {
  const tenant = ctx.store.tenant(input.tenant);
  if (!tenant) throw aadsts.tenantNotFound(input.tenant);
  const user = tenant.userById(input.user) ?? tenant.userByPrincipalName(input.user);
  if (!user) throw aadsts.userNotFound(input.user, tenantDisplayName(tenant));
  if (user.accountEnabled === false) throw aadsts.userDisabled();
  return { tenant, user };
}
