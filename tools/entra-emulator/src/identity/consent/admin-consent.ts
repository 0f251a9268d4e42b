import type * as Graph from '@microsoft/microsoft-graph-types';
import type { FixtureUser } from '../../fixture/fixture.types';
import type { TenantState } from '../../store/store.types';
import { aadsts } from '../errors/aadsts-catalog';
import { AadstsError } from '../errors/aadsts-error';
import { AuthorizeRedirectError } from '../authorize/authorize-request';
import { SESSION_LIFETIME_MS } from '../authorize/browser-session';
import type { IdentityContext } from '../identity-context';
import { OIDC_SCOPES } from './requested-scopes';
import { authenticateUser } from '../user-authentication';
import { CONSENT_GRANTING_ROLE_TEMPLATE_IDS } from '../clients/well-known-clients';
import { validateAdminConsentRequest, type AdminConsentRequest } from './admin-consent-request';

export type AdminConsentStep =
  | { kind: 'signIn'; request: AdminConsentRequest; flow: string; error?: AadstsError; login?: string }
  | { kind: 'consent'; request: AdminConsentRequest; flow: string; user: FixtureUser; permissions: string[] }
  | { kind: 'granted'; request: AdminConsentRequest; params: Record<string, string> };

const GRAPH_IDENTIFIER = 'https://graph.microsoft.com';

/**
 * Starts an admin consent: with a signed-in browser session the administrator goes straight to the
 * consent prompt, otherwise to the sign-in page.
 */
export function beginAdminConsent(
  ctx: IdentityContext,
  segmentText: string,
  params: Record<string, string | undefined>,
  session: { tenant: TenantState; user: FixtureUser } | undefined,
): AdminConsentStep {
  const request = validateAdminConsentRequest(ctx, segmentText, params);
  const flow = ctx.adminConsents.add(request);
  const fits =
    session && (request.tenantSegment === session.tenant.id || !ctx.store.tenant(request.tenantSegment));
  if (session && fits) return promptFor(ctx, flow, request, session.tenant, session.user);
  return { kind: 'signIn', request, flow };
}

/** The administrator's name and password; a wrong one shows the sign-in page again. */
export function submitAdminSignIn(
  ctx: IdentityContext,
  flow: string,
  credentials: { login: string; password: string },
): AdminConsentStep & { sessionId?: string } {
  const request = ctx.adminConsents.get(flow);
  if (!request) throw aadsts.signInFlowExpired();
  let signedIn: { tenant: TenantState; user: FixtureUser };
  try {
    signedIn = authenticateUser(ctx.store, request.tenantSegment, credentials.login, credentials.password);
  } catch (error) {
    if (!(error instanceof AadstsError)) throw error;
    return { kind: 'signIn', request, flow, error, login: credentials.login };
  }
  const sessionId = ctx.grants.addSession({
    tenantId: signedIn.tenant.id,
    userId: signedIn.user.id,
    expiresAt: ctx.clock.now() + SESSION_LIFETIME_MS,
  });
  return { ...promptFor(ctx, flow, request, signedIn.tenant, signedIn.user), sessionId };
}

/**
 * Accept: the app's service principal is created in the administrator's tenant with what was asked
 * for, and the browser returns with `admin_consent=True&tenant&scope&state`. Cancel: Microsoft's
 * `access_denied` with `error_subcode=cancel` (AADSTS65004).
 */
export function decideAdminConsent(ctx: IdentityContext, flow: string, decision: string): AdminConsentStep {
  const request = ctx.adminConsents.get(flow);
  const tenant = request?.tenantId ? ctx.store.tenant(request.tenantId) : undefined;
  if (!request || !tenant) throw aadsts.signInFlowExpired();
  ctx.adminConsents.remove(flow);
  if (decision !== 'accept') throw new AuthorizeRedirectError(aadsts.consentDeclined(), request);
  const application = ctx.store.tenant(request.homeTenantId)?.applicationByAppId(request.clientAppId);
  if (!application?.appId) throw aadsts.applicationNotFound(request.clientAppId, request.homeTenantId);
  tenant.grantAdminConsent(
    { ...application, appId: application.appId },
    {
      homeTenantId: request.homeTenantId,
      isDefault: request.scopes.some((scope) => scope.endsWith('/.default')),
      delegatedByResource: delegatedScopes(tenant, request.scopes),
    },
  );
  return {
    kind: 'granted',
    request,
    params: { admin_consent: 'True', tenant: tenant.id, scope: request.scopes.join(' ') },
  };
}

/** Only an administrator who may consent for the organization sees the prompt (AADSTS90094 otherwise). */
function promptFor(
  ctx: IdentityContext,
  flow: string,
  request: AdminConsentRequest,
  tenant: TenantState,
  user: FixtureUser,
): AdminConsentStep {
  const isAdmin = tenant
    .directoryRolesOf(user.id)
    .some((role) => CONSENT_GRANTING_ROLE_TEMPLATE_IDS.has(role));
  if (!isAdmin) {
    ctx.adminConsents.remove(flow);
    throw new AuthorizeRedirectError(aadsts.adminApprovalRequired(request.applicationName), request);
  }
  request.tenantId = tenant.id;
  request.userId = user.id;
  return { kind: 'consent', request, flow, user, permissions: permissionNames(ctx, request, tenant) };
}

/** What the prompt lists: the app's required permissions for `.default`, else the scopes asked for. */
function permissionNames(ctx: IdentityContext, request: AdminConsentRequest, tenant: TenantState): string[] {
  const application = ctx.store.tenant(request.homeTenantId)?.applicationByAppId(request.clientAppId);
  const named = request.scopes.filter((scope) => !scope.endsWith('/.default') && !OIDC_SCOPES.has(scope));
  const required = (application?.requiredResourceAccess ?? []).flatMap((entry) => {
    const resource = entry.resourceAppId ? tenant.servicePrincipalByAppId(entry.resourceAppId) : undefined;
    return (entry.resourceAccess ?? []).map((access) => describe(resource, access));
  });
  return [...required, ...named];
}

function describe(resource: Graph.ServicePrincipal | undefined, access: Graph.ResourceAccess): string {
  const name = resource?.displayName ?? 'Unknown resource';
  if (access.type === 'Role') {
    const role = resource?.appRoles?.find((candidate) => candidate.id === access.id);
    return `${name}: ${role?.value ?? access.id} (application)`;
  }
  const scope = resource?.oauth2PermissionScopes?.find((candidate) => candidate.id === access.id);
  return `${name}: ${scope?.value ?? access.id} (delegated)`;
}

/** Delegated permissions named in the scope parameter, by resource appId (bare names are Graph's). */
function delegatedScopes(tenant: TenantState, scopes: string[]): Map<string, string[]> {
  const byResource = new Map<string, string[]>();
  for (const scope of scopes) {
    if (scope.endsWith('/.default') || OIDC_SCOPES.has(scope.toLowerCase())) continue;
    const slash = scope.lastIndexOf('/');
    const resourceName = slash > 0 ? scope.slice(0, slash) : GRAPH_IDENTIFIER;
    const resource = tenant.servicePrincipalByIdentifier(resourceName);
    if (!resource?.appId) continue;
    byResource.set(resource.appId, [...(byResource.get(resource.appId) ?? []), scope.slice(slash + 1)]);
  }
  return byResource;
}
