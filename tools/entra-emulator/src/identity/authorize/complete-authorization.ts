import type { FixtureUser } from '../../fixture/fixture.types';
import type { TenantState } from '../../store/store.types';
import { AUTHORIZATION_CODE_LIFETIME_SECONDS } from '../../issued-tokens/token-lifetimes';
import { aadsts } from '../errors/aadsts-catalog';
import { AadstsError } from '../errors/aadsts-error';
import type { IdentityContext } from '../identity-context';
import {
  findRegisteredClient,
  findSingleTenantApplicationElsewhere,
  type RegisteredClient,
} from '../clients/registered-client';
import { OIDC_SCOPES, resolveRequestedScopes } from '../consent/requested-scopes';
import { tenantDisplayName } from '../tenant-resolver';
import { requireUserAssignment } from '../consent/user-assignment';
import { AuthorizeRedirectError, type AuthorizeRequest } from './authorize-request';

/**
 * After a successful sign-in: issues the code (bound to client, redirect URI, PKCE challenge and
 * nonce) and/or the id_token the response type asks for. In the hybrid flow (`code id_token`) the
 * id_token carries `c_hash` (OpenID Connect Core 3.3.2.11). Consent is checked when the code is redeemed.
 */
export async function completeAuthorization(
  ctx: IdentityContext,
  request: AuthorizeRequest,
  tenant: TenantState,
  user: FixtureUser,
  origin: string,
): Promise<Record<string, string>> {
  const client = requireClientForUser(ctx, tenant, user, request);
  try {
    resolveRequestedScopes(tenant, request.scopes);
  } catch (error) {
    if (error instanceof AadstsError) throw new AuthorizeRedirectError(error, request);
    throw error;
  }
  // Not assigned to an app that requires assignment: shown on the emulator's page, as Microsoft does.
  const roles = requireUserAssignment(client, user);
  const params: Record<string, string> = {};
  if (request.wantsCode) {
    params.code = ctx.grants.addCode({
      tenantId: tenant.id,
      clientAppId: client.appId,
      redirectUri: request.redirectUri,
      userId: user.id,
      scopes: request.scopes,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: request.codeChallengeMethod,
      nonce: request.nonce,
      expiresAt: ctx.clock.now() + AUTHORIZATION_CODE_LIFETIME_SECONDS * 1000,
      redeemed: false,
    });
  }
  if (request.wantsIdToken) {
    params.id_token = await ctx.idTokens.issue({
      origin,
      tenantId: tenant.id,
      clientAppId: client.appId,
      user,
      nonce: request.nonce,
      oidcScopes: request.scopes.filter((scope) => OIDC_SCOPES.has(scope)),
      code: params.code,
      roles,
    });
  }
  return params;
}

/**
 * The client as seen from the signed-in user's tenant. A user of another tenant cannot use a
 * single-tenant app (AADSTS50020); a multi-tenant app needs its service principal in the user's
 * tenant, created by an administrator's consent (AADSTS90094 otherwise). Both are shown on the
 * emulator's page, as Microsoft shows them on its own.
 */
function requireClientForUser(
  ctx: IdentityContext,
  tenant: TenantState,
  user: FixtureUser,
  request: AuthorizeRequest,
): RegisteredClient {
  const client = findRegisteredClient(tenant, () => ctx.store.tenants(), request.clientAppId);
  if (!client) {
    const singleTenant = findSingleTenantApplicationElsewhere(ctx.store.tenants(), request.clientAppId);
    if (singleTenant)
      throw aadsts.userFromOtherTenant(
        user.userPrincipalName,
        tenant.id,
        singleTenant.publisherDomain ?? request.applicationName,
        request.clientAppId,
        request.applicationName,
      );
    throw new AuthorizeRedirectError(
      aadsts.applicationNotFound(request.clientAppId, tenantDisplayName(tenant)),
      request,
    );
  }
  if (client.isForeign && !client.servicePrincipalId) throw aadsts.adminApprovalRequired(client.displayName);
  return client;
}
