import type { Request } from 'express';
import { requestOrigin } from '../../shared/request-origin';
import { aadsts } from '../errors/aadsts-catalog';
import type { IdentityContext } from '../identity-context';
import { resolveTenantSegment } from '../tenant-resolver';
import { readTokenRequestForm } from './token-request-form';
import { authorizationCodeGrant } from './authorization-code-grant';
import { clientCredentialsGrant } from './client-credentials-grant';
import { DEVICE_CODE_GRANT_TYPE, MSAL_DEVICE_CODE_GRANT_TYPE, deviceCodeGrant } from './device-code-grant';
import { refreshTokenGrant } from './refresh-token-grant';
import type { TokenResponseBody } from './token-response';

/** `POST /{tenant}/oauth2/v2.0/token`: dispatches on `grant_type` (RFC 6749 section 4). */
export async function handleTokenRequest(
  ctx: IdentityContext,
  req: Request,
  segmentText: string,
): Promise<TokenResponseBody> {
  const origin = requestOrigin(req);
  const segment = resolveTenantSegment(ctx.store, segmentText);
  const form = readTokenRequestForm(req);
  switch (form.grantType) {
    case undefined:
      throw aadsts.missingParameter('grant_type');
    case 'client_credentials':
      return clientCredentialsGrant(ctx, form, segment, origin, segmentText);
    case 'authorization_code':
      return authorizationCodeGrant(ctx, form, segment, origin, segmentText);
    case 'refresh_token':
      return refreshTokenGrant(ctx, form, segment, origin, segmentText);
    case DEVICE_CODE_GRANT_TYPE:
    case MSAL_DEVICE_CODE_GRANT_TYPE:
      return deviceCodeGrant(ctx, form, segment, origin, segmentText);
    default:
      throw aadsts.unsupportedGrantType(form.grantType);
  }
}
