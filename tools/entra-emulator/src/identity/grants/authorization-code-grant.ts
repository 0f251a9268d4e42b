import { aadsts } from '../errors/aadsts-catalog';
import { authenticateClient } from './client-authentication';
import type { AuthorizationCodeGrant } from '../grant-store';
import type { IdentityContext } from '../identity-context';
import { redirectUriKind, type RegisteredClient } from '../clients/registered-client';
import type { TenantSegment } from '../tenant-resolver';
import type { TokenRequestForm } from './token-request-form';
import { pkceVerifierMatches } from './pkce';
import { acceptedAssertionAudiences, requireClient } from './token-request-scope';
import type { TokenResponseBody } from './token-response';
import { issueUserTokens } from './user-token-issuance';

/**
 * Authorization code redemption (RFC 6749 section 4.1.3, RFC 7636 section 4.5): the code is single-use
 * and short-lived, bound to the client, the redirect URI and, with PKCE, to the verifier.
 */
export async function authorizationCodeGrant(
  ctx: IdentityContext,
  form: TokenRequestForm,
  segment: TenantSegment,
  origin: string,
  segmentText: string,
): Promise<TokenResponseBody> {
  if (!form.code) throw aadsts.missingParameter('code');
  const grant = ctx.grants.code(form.code);
  if (!grant) throw aadsts.malformedGrant();
  if (segment.kind === 'tenant' && segment.tenant.id !== grant.tenantId) throw aadsts.grantForOtherTenant();
  const tenant = ctx.store.tenant(grant.tenantId);
  if (!tenant) throw aadsts.tenantNotFound(grant.tenantId);
  const client = requireClient(ctx, tenant, form.clientId);
  if (client.appId !== grant.clientAppId)
    throw aadsts.grantInvalid("The code was issued to another client than 'client_id'.");
  checkCodeUsable(grant, ctx.clock.now());
  checkRedirectUri(form.redirectUri, grant);
  // RFC 6749 section 4.1.2: a code is used once. It is taken before the first await, so two
  // concurrent redemptions cannot both pass the check; a redemption that fails gives it back.
  grant.redeemed = true;
  try {
    return await redeem(ctx, form, grant, client, origin, segmentText);
  } catch (error) {
    grant.redeemed = false;
    throw error;
  }
}

async function redeem(
  ctx: IdentityContext,
  form: TokenRequestForm,
  grant: AuthorizationCodeGrant,
  client: RegisteredClient,
  origin: string,
  segmentText: string,
): Promise<TokenResponseBody> {
  const kind = redirectUriKind(client, grant.redirectUri);
  checkRedemptionPlatform(kind, grant, form.origin);
  const authentication = await authenticateClient(form, client, {
    acceptedAssertionAudiences: acceptedAssertionAudiences(origin, segmentText, client.tenant.id),
    clock: ctx.clock,
    // Web redirect URIs belong to confidential clients; native and SPA ones to public clients.
    requirement: kind === 'web' ? 'required' : 'forbidden',
  });
  checkPkce(grant, form.codeVerifier);
  const user = client.tenant.userById(grant.userId);
  if (!user) throw aadsts.grantInvalid('The user of this code no longer exists.');
  return issueUserTokens(ctx, {
    wantsClientInfo: form.wantsClientInfo,
    origin,
    client,
    user,
    scopes: grant.scopes,
    authentication,
    confidential: kind === 'web',
    nonce: grant.nonce,
  });
}

/**
 * Each platform redeems its codes its own way (https://learn.microsoft.com/entra/identity-platform/reference-error-codes):
 * a single-page app from the browser, cross-origin and with PKCE; web and native apps never cross-origin.
 * Brokers (`brk-...://`, nested app authentication) redeem on the app's behalf and send no browser origin.
 */
function checkRedemptionPlatform(
  kind: ReturnType<typeof redirectUriKind>,
  grant: AuthorizationCodeGrant,
  origin: string | undefined,
): void {
  const brokered = /^brk-[a-z0-9-]+:\/\//i.test(grant.redirectUri);
  if (kind === 'spa' && !brokered) {
    if (!origin) throw aadsts.spaNeedsCrossOrigin();
    if (!grant.codeChallenge) throw aadsts.spaNeedsPkce();
  } else if (kind !== 'spa' && origin) {
    throw aadsts.crossOriginOnlyForSpa(origin);
  }
}

function checkCodeUsable(grant: AuthorizationCodeGrant, now: number): void {
  if (grant.redeemed) throw aadsts.codeAlreadyRedeemed();
  if (now >= grant.expiresAt) throw aadsts.grantExpired();
}

// RFC 6749 section 4.1.3: redirect_uri must be identical to the one in the authorization request.
function checkRedirectUri(redirectUri: string | undefined, grant: AuthorizationCodeGrant): void {
  if (!redirectUri) throw aadsts.missingParameter('redirect_uri');
  if (redirectUri !== grant.redirectUri) throw aadsts.redirectUriMismatch(redirectUri, grant.clientAppId);
}

function checkPkce(grant: AuthorizationCodeGrant, verifier: string | undefined): void {
  if (!grant.codeChallenge) return;
  if (
    !verifier ||
    !pkceVerifierMatches(verifier, grant.codeChallenge, grant.codeChallengeMethod ?? 'plain')
  ) {
    throw aadsts.pkceMismatch();
  }
}
