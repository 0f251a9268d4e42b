import { aadsts } from '../errors/aadsts-catalog';
import { authenticateClient } from './client-authentication';
import type { DeviceCodeGrant } from '../grant-store';
import type { IdentityContext } from '../identity-context';
import type { TenantSegment } from '../tenant-resolver';
import type { TokenRequestForm } from './token-request-form';
import { acceptedAssertionAudiences, requireClient } from './token-request-scope';
import type { TokenResponseBody } from './token-response';
import { issueUserTokens } from './user-token-issuance';

export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';
/** The short form MSAL sends, which Microsoft accepts as well. */
export const MSAL_DEVICE_CODE_GRANT_TYPE = 'device_code';

/** A poll sooner than this fraction of the interval is "too fast": allows for timer jitter in clients. */
const POLL_TOLERANCE = 0.8;

/**
 * Device code polling (RFC 8628 section 3.4-3.5, https://learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code):
 * `authorization_pending` until the user signs in, `slow_down` for polls faster than the interval,
 * `authorization_declined`, `expired_token`, then the tokens once.
 */
export async function deviceCodeGrant(
  ctx: IdentityContext,
  form: TokenRequestForm,
  segment: TenantSegment,
  origin: string,
  segmentText: string,
): Promise<TokenResponseBody> {
  if (!form.deviceCode) throw aadsts.missingParameter('device_code');
  const grant = ctx.grants.deviceCode(form.deviceCode);
  if (!grant) throw aadsts.badVerificationCode();
  if (form.clientId !== grant.clientAppId)
    throw aadsts.grantInvalid("The device code was issued to another client than 'client_id'.");
  const now = ctx.clock.now();
  if (grant.state !== 'redeemed' && now >= grant.expiresAt) throw aadsts.deviceCodeExpired();
  switch (grant.state) {
    case 'declined':
      throw aadsts.deviceAuthorizationDeclined();
    case 'redeemed':
      throw aadsts.grantInvalid('The device code was already redeemed.');
    case 'pending':
      throw pollAnswer(grant, now);
    case 'approved':
      // Taken before the first await, so concurrent polls cannot both get tokens; given back on failure.
      grant.state = 'redeemed';
      try {
        return await redeem(ctx, form, grant, segment, origin, segmentText);
      } catch (error) {
        grant.state = 'approved';
        throw error;
      }
  }
}

function pollAnswer(grant: DeviceCodeGrant, now: number) {
  const tooFast =
    grant.lastPolledAt !== undefined &&
    now - grant.lastPolledAt < grant.intervalSeconds * 1000 * POLL_TOLERANCE;
  grant.lastPolledAt = now;
  return tooFast ? aadsts.slowDown() : aadsts.authorizationPending();
}

async function redeem(
  ctx: IdentityContext,
  form: TokenRequestForm,
  grant: DeviceCodeGrant,
  segment: TenantSegment,
  origin: string,
  segmentText: string,
): Promise<TokenResponseBody> {
  const tenant = grant.tenantId ? ctx.store.tenant(grant.tenantId) : undefined;
  if (!tenant || !grant.userId) throw aadsts.grantInvalid('The device code has no signed-in user.');
  if (segment.kind === 'tenant' && segment.tenant.id !== tenant.id) throw aadsts.grantForOtherTenant();
  const client = requireClient(ctx, tenant, grant.clientAppId);
  const authentication = await authenticateClient(form, client, {
    acceptedAssertionAudiences: acceptedAssertionAudiences(origin, segmentText, tenant.id),
    clock: ctx.clock,
    requirement: client.allowsPublicClientFlows ? 'optional' : 'required',
  });
  const user = tenant.userById(grant.userId);
  if (!user) throw aadsts.grantInvalid('The signed-in user no longer exists.');
  return issueUserTokens(ctx, {
    wantsClientInfo: form.wantsClientInfo,
    origin,
    client,
    user,
    scopes: grant.scopes,
    authentication,
    confidential: !client.allowsPublicClientFlows,
  });
}
