import { REFRESH_TOKEN_INACTIVITY_SECONDS } from '../../issued-tokens/token-lifetimes';
import { aadsts } from '../errors/aadsts-catalog';
import { authenticateClient } from './client-authentication';
import type { IdentityContext } from '../identity-context';
import { parseScopeParameter } from '../consent/requested-scopes';
import type { TenantSegment } from '../tenant-resolver';
import type { TokenRequestForm } from './token-request-form';
import { acceptedAssertionAudiences, requireClient } from './token-request-scope';
import type { TokenResponseBody } from './token-response';
import { issueUserTokens } from './user-token-issuance';

/**
 * Refresh token grant (RFC 6749 section 6). Every redemption returns a new refresh token; as at
 * Microsoft, the previous one stays usable until it has been inactive for 90 days
 * (https://learn.microsoft.com/entra/identity-platform/refresh-tokens). A `scope` may name another
 * resource (multi-resource refresh tokens); consent is checked again.
 */
export async function refreshTokenGrant(
  ctx: IdentityContext,
  form: TokenRequestForm,
  segment: TenantSegment,
  origin: string,
  segmentText: string,
): Promise<TokenResponseBody> {
  if (!form.refreshToken) throw aadsts.missingParameter('refresh_token');
  const grant = ctx.grants.refreshToken(form.refreshToken);
  if (!grant) throw aadsts.malformedGrant();
  if (segment.kind === 'tenant' && segment.tenant.id !== grant.tenantId) throw aadsts.grantForOtherTenant();
  const now = ctx.clock.now();
  if (now - grant.lastUsedAt >= REFRESH_TOKEN_INACTIVITY_SECONDS * 1000) throw aadsts.grantExpired();
  const tenant = ctx.store.tenant(grant.tenantId);
  if (!tenant) throw aadsts.tenantNotFound(grant.tenantId);
  const client = requireClient(ctx, tenant, form.clientId);
  if (client.appId !== grant.clientAppId)
    throw aadsts.grantInvalid("The refresh token was issued to another client than 'client_id'.");
  const authentication = await authenticateClient(form, client, {
    acceptedAssertionAudiences: acceptedAssertionAudiences(origin, segmentText, tenant.id),
    clock: ctx.clock,
    requirement: grant.confidential ? 'required' : 'forbidden',
  });
  const user = tenant.userById(grant.userId);
  if (!user) throw aadsts.grantInvalid('The user of this refresh token no longer exists.');
  const requestedScopes = parseScopeParameter(form.scope);
  const tokens = await issueUserTokens(ctx, {
    wantsClientInfo: form.wantsClientInfo,
    origin,
    client,
    user,
    scopes: requestedScopes.length > 0 ? requestedScopes : grant.scopes,
    authentication,
    confidential: grant.confidential,
    alwaysRefreshToken: true,
  });
  grant.lastUsedAt = now;
  return tokens;
}
