import type * as Graph from '@microsoft/microsoft-graph-types';
import { aadsts } from '../errors/aadsts-catalog';
import type { IdentityContext } from '../identity-context';
import { parseScopeParameter } from './requested-scopes';
import { resolveTenantSegment, tenantDisplayName, type TenantSegment } from '../tenant-resolver';
import type { RedirectTarget } from '../authorize/authorize-request';
import { AuthorizeRedirectError } from '../authorize/authorize-request';
import type { TenantState } from '../../store/store.types';

/** A validated admin consent request, kept server-side while the administrator signs in and decides. */
export interface AdminConsentRequest extends RedirectTarget {
  /** The tenant id asked for, or `organizations`/`common` (the administrator's own tenant). */
  tenantSegment: string;
  clientAppId: string;
  applicationName: string;
  homeTenantId: string;
  scopes: string[];
  /** Set once the administrator has signed in. */
  tenantId?: string;
  userId?: string;
}

type Params = Record<string, string | undefined>;

interface Found {
  application: Graph.Application & { appId: string };
  homeTenant: TenantState;
}

/**
 * Validates `GET /{tenant}/v2.0/adminconsent` (https://learn.microsoft.com/entra/identity-platform/v2-admin-consent)
 * as an ordered list of checks. Until the redirect URI is known to be registered, errors are shown on
 * the emulator's page; afterwards they go back to the app.
 */
export function validateAdminConsentRequest(
  ctx: IdentityContext,
  segmentText: string,
  params: Params,
): AdminConsentRequest {
  const segment = resolveTenantSegment(ctx.store, segmentText);
  const found = requireConsentableApplication(ctx, segment, params.client_id);
  const redirectUri = requireRegisteredRedirectUri(found.application, params.redirect_uri);
  const target: RedirectTarget = { redirectUri, responseMode: 'query', state: params.state };
  const scopes = parseScopeParameter(params.scope);
  if (scopes.length === 0) throw new AuthorizeRedirectError(aadsts.missingParameter('scope'), target);
  return {
    ...target,
    tenantSegment: segment.kind === 'tenant' ? segment.tenant.id : segment.alias,
    clientAppId: found.application.appId,
    applicationName: found.application.displayName ?? found.application.appId,
    homeTenantId: found.homeTenant.id,
    scopes,
  };
}

/** The app registration, in the tenant asked for or, for a multi-tenant app, in its home tenant. */
function requireConsentableApplication(
  ctx: IdentityContext,
  segment: TenantSegment,
  clientId: string | undefined,
): Found {
  if (!clientId) throw aadsts.missingParameter('client_id');
  for (const tenant of ctx.store.tenants()) {
    const application = tenant.applicationByAppId(clientId);
    if (!application?.appId) continue;
    const reachable =
      application.signInAudience !== 'AzureADMyOrg' ||
      (segment.kind === 'tenant' && segment.tenant.id === tenant.id);
    if (reachable) return { application: { ...application, appId: application.appId }, homeTenant: tenant };
  }
  throw aadsts.applicationNotFound(
    clientId,
    segment.kind === 'tenant' ? tenantDisplayName(segment.tenant) : segment.alias,
  );
}

// "redirect_uri: must exactly match one of the redirect URIs that you registered" (web platform).
function requireRegisteredRedirectUri(
  application: Graph.Application,
  redirectUri: string | undefined,
): string {
  if (!redirectUri) throw aadsts.missingParameter('redirect_uri');
  if (!(application.web?.redirectUris ?? []).includes(redirectUri))
    throw aadsts.redirectUriMismatch(redirectUri, application.appId ?? '');
  return redirectUri;
}
