import { DEVICE_CODE_LIFETIME_SECONDS } from '../../issued-tokens/token-lifetimes';
import { aadsts } from '../errors/aadsts-catalog';
import { AadstsError } from '../errors/aadsts-error';
import type { DeviceCodeGrant } from '../grant-store';
import type { IdentityContext } from '../identity-context';
import { findRegisteredClient, requireEnabled, type RegisteredClient } from '../clients/registered-client';
import { parseScopeParameter, resolveRequestedScopes } from '../consent/requested-scopes';
import { resolveTenantSegment, tenantDisplayName, type TenantSegment } from '../tenant-resolver';
import { authenticateUser } from '../user-authentication';

/** RFC 8628 section 3.2 device authorization response, with Microsoft's `message`. */
export interface DeviceAuthorizationResponse {
  user_code: string;
  device_code: string;
  verification_uri: string;
  expires_in: number;
  interval: number;
  message: string;
}

/** A pending device code the user has entered, with the app name to show. */
export interface EnteredDeviceCode {
  grant: DeviceCodeGrant;
  applicationName: string;
}

export type DeviceSignInOutcome =
  | { kind: 'approved' | 'declined'; applicationName: string }
  | { kind: 'retry'; entered: EnteredDeviceCode; error: AadstsError };

/** `POST /{tenant}/oauth2/v2.0/devicecode`: checks client and scopes, then issues device and user codes. */
export function startDeviceAuthorization(
  ctx: IdentityContext,
  segmentText: string,
  form: Record<string, string | undefined>,
  origin: string,
): DeviceAuthorizationResponse {
  const segment = resolveTenantSegment(ctx.store, segmentText);
  if (!form.client_id) throw aadsts.missingParameter('client_id');
  const client = findClient(ctx, segment, form.client_id);
  if (!client) {
    throw aadsts.applicationNotFound(
      form.client_id,
      segment.kind === 'tenant' ? tenantDisplayName(segment.tenant) : segmentText,
    );
  }
  requireEnabled(client);
  const scopes = parseScopeParameter(form.scope);
  if (scopes.length === 0) throw aadsts.missingParameter('scope');
  if (segment.kind === 'tenant') resolveRequestedScopes(segment.tenant, scopes);
  const grant = ctx.grants.addDeviceCode({
    tenantSegment: segment.kind === 'tenant' ? segment.tenant.id : segment.alias,
    clientAppId: client.appId,
    scopes,
    expiresAt: ctx.clock.now() + DEVICE_CODE_LIFETIME_SECONDS * 1000,
    intervalSeconds: ctx.settings.deviceCodeIntervalSeconds,
    state: 'pending',
  });
  const verificationUri = `${origin}/devicelogin`;
  return {
    user_code: grant.userCode,
    device_code: grant.deviceCode,
    verification_uri: verificationUri,
    expires_in: DEVICE_CODE_LIFETIME_SECONDS,
    interval: grant.intervalSeconds,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${grant.userCode} to authenticate.`,
  };
}

/** The code typed on `/devicelogin`: pending and unexpired, else AADSTS70018 / AADSTS70019. */
export function enterUserCode(ctx: IdentityContext, userCode: string): EnteredDeviceCode {
  const grant = ctx.grants.deviceCodeByUserCode(userCode);
  if (!grant || grant.state !== 'pending') throw aadsts.badVerificationCode();
  if (grant.expiresAt <= ctx.clock.now()) throw aadsts.deviceCodeExpired();
  return { grant, applicationName: applicationNameOf(ctx, grant) };
}

/** The user signs in for the device (or cancels, which declines the request). */
export function signInForDevice(
  ctx: IdentityContext,
  userCode: string,
  credentials: { login: string; password: string; decline: boolean },
): DeviceSignInOutcome {
  const entered = enterUserCode(ctx, userCode);
  const { grant, applicationName } = entered;
  if (credentials.decline) {
    grant.state = 'declined';
    return { kind: 'declined', applicationName };
  }
  try {
    const { tenant, user } = authenticateUser(
      ctx.store,
      grant.tenantSegment,
      credentials.login,
      credentials.password,
    );
    grant.state = 'approved';
    grant.tenantId = tenant.id;
    grant.userId = user.id;
    return { kind: 'approved', applicationName };
  } catch (error) {
    if (!(error instanceof AadstsError)) throw error;
    return { kind: 'retry', entered, error };
  }
}

function findClient(
  ctx: IdentityContext,
  segment: TenantSegment,
  appId: string,
): RegisteredClient | undefined {
  const tenants = segment.kind === 'tenant' ? [segment.tenant] : ctx.store.tenants();
  for (const tenant of tenants) {
    const client = findRegisteredClient(tenant, () => ctx.store.tenants(), appId);
    if (client) return client;
  }
  return undefined;
}

function applicationNameOf(ctx: IdentityContext, grant: DeviceCodeGrant): string {
  const tenant = ctx.store.tenant(grant.tenantSegment);
  const segment: TenantSegment = tenant
    ? { kind: 'tenant', tenant }
    : { kind: 'common', alias: grant.tenantSegment };
  return findClient(ctx, segment, grant.clientAppId)?.displayName ?? grant.clientAppId;
}
