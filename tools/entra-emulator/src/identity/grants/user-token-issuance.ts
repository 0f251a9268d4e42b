import type * as Graph from '@microsoft/microsoft-graph-types';
import type { FixtureUser } from '../../fixture/fixture.types';
import type { ClientAuthenticationMethod } from '../../issued-tokens/access-token-issuer';
import { aadsts } from '../errors/aadsts-catalog';
import { directoryRoleIds, requireDelegatedConsent } from '../consent/delegated-consent';
import type { IdentityContext } from '../identity-context';
import { findHomeApplication, type RegisteredClient } from '../clients/registered-client';
import { requireUserAssignment } from '../consent/user-assignment';
import {
  GRAPH_APP_ID,
  OIDC_SCOPES,
  resolveRequestedScopes,
  type RequestedScopes,
} from '../consent/requested-scopes';
import type { TokenResponseBody } from './token-response';

export interface UserTokenIssuance {
  origin: string;
  client: RegisteredClient;
  user: FixtureUser;
  scopes: string[];
  authentication: ClientAuthenticationMethod;
  /** Whether a refresh token issued now needs the client's credential when redeemed. */
  confidential: boolean;
  nonce?: string;
  /** Refresh grants always return a new refresh token; others only with `offline_access`. */
  alwaysRefreshToken?: boolean;
  wantsClientInfo?: boolean;
}

/**
 * Issues the tokens of a delegated flow (code, refresh, device code): consent is checked here, on
 * every redemption, so revoking a grant takes effect at the next refresh as it does at Microsoft.
 */
export async function issueUserTokens(
  ctx: IdentityContext,
  issuance: UserTokenIssuance,
): Promise<TokenResponseBody> {
  const { client, user } = issuance;
  if (user.accountEnabled === false) throw aadsts.userDisabled();
  const roles = requireUserAssignment(client, user);
  const requested = resolveRequestedScopes(client.tenant, issuance.scopes);
  const resourceApplication = registrationOf(ctx, client, requested.resource.appId);
  const scp = requireDelegatedConsent(client, user, requested, resourceApplication);
  const access =
    resourceApplication?.api?.requestedAccessTokenVersion === 2
      ? await ctx.accessTokens.issueUserTokenV2({
          origin: issuance.origin,
          tenantId: client.tenant.id,
          clientAppId: client.appId,
          resourceAppId: requested.resource.appId ?? requested.resourceName,
          user,
          // A v2 token for an API lists only that API's scopes.
          scp: scp
            .split(' ')
            .filter((scope) => !OIDC_SCOPES.has(scope))
            .join(' '),
          authentication: issuance.authentication,
        })
      : await ctx.accessTokens.issueUserToken({
          tenantId: client.tenant.id,
          clientAppId: client.appId,
          clientDisplayName: client.displayName,
          user,
          audience: requested.resourceName,
          scp,
          wids: directoryRoleIds(client.tenant, user),
          authentication: issuance.authentication,
        });
  const body: TokenResponseBody = {
    token_type: 'Bearer',
    scope: responseScope(requested, scp),
    expires_in: access.expiresIn,
    ext_expires_in: access.expiresIn,
    access_token: access.token,
  };
  if (issuance.alwaysRefreshToken || requested.oidc.includes('offline_access')) {
    body.refresh_token = ctx.grants.addRefreshToken({
      tenantId: client.tenant.id,
      clientAppId: client.appId,
      userId: user.id,
      scopes: issuance.scopes,
      confidential: issuance.confidential,
      lastUsedAt: ctx.clock.now(),
    });
  }
  if (requested.oidc.includes('openid')) {
    body.id_token = await ctx.idTokens.issue({
      origin: issuance.origin,
      tenantId: client.tenant.id,
      clientAppId: client.appId,
      user,
      nonce: issuance.nonce,
      oidcScopes: requested.oidc,
      roles,
    });
  }
  if (issuance.wantsClientInfo) {
    body.client_info = Buffer.from(JSON.stringify({ uid: user.id, utid: client.tenant.id })).toString(
      'base64url',
    );
  }
  return body;
}

/** The API's app registration, here or (a multi-tenant API) in its home tenant. */
function registrationOf(
  ctx: IdentityContext,
  client: RegisteredClient,
  resourceAppId: string | null | undefined,
): Graph.Application | undefined {
  if (!resourceAppId) return undefined;
  return (
    client.tenant.applicationByAppId(resourceAppId) ?? findHomeApplication(ctx.store.tenants(), resourceAppId)
  );
}

/** Graph permissions are listed bare (`User.Read`), other resources' with their identifier, as Microsoft replies. */
function responseScope(requested: RequestedScopes, scp: string): string {
  const isGraph = requested.resource.appId === GRAPH_APP_ID;
  const permissions = new Set((requested.resource.oauth2PermissionScopes ?? []).map((scope) => scope.value));
  return scp
    .split(' ')
    .filter(Boolean)
    .map((scope) => (isGraph || !permissions.has(scope) ? scope : `${requested.resourceName}/${scope}`))
    .join(' ');
}
