import type * as Graph from '@microsoft/microsoft-graph-types';
import type { TenantState } from '../../store/store.types';
import { aadsts } from '../errors/aadsts-catalog';
import { authenticateClient } from './client-authentication';
import type { IdentityContext } from '../identity-context';
import { parseScopeParameter, resolveRequestedScopes } from '../consent/requested-scopes';
import { requireSpecificTenant, type TenantSegment } from '../tenant-resolver';
import type { TokenRequestForm } from './token-request-form';
import { acceptedAssertionAudiences, requireClient } from './token-request-scope';
import type { TokenResponseBody } from './token-response';

/**
 * Client credentials grant (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow):
 * one `<resource>/.default` scope; the token's `roles` are the app roles admin-consented to the app's
 * service principal for that resource, omitted when none (the failure then shows at Graph as 403).
 */
export async function clientCredentialsGrant(
  ctx: IdentityContext,
  form: TokenRequestForm,
  segment: TenantSegment,
  origin: string,
  segmentText: string,
): Promise<TokenResponseBody> {
  const tenant = requireSpecificTenant(segment);
  const client = requireClient(ctx, tenant, form.clientId);
  const authentication = await authenticateClient(form, client, {
    acceptedAssertionAudiences: acceptedAssertionAudiences(origin, segmentText, tenant.id),
    clock: ctx.clock,
    requirement: 'required',
  });
  const scopes = parseScopeParameter(form.scope);
  if (scopes.length === 0) throw aadsts.missingParameter('scope');
  const notDefault = scopes.find((scope) => !scope.endsWith('/.default'));
  if (notDefault) throw aadsts.clientCredentialsNeedDefaultScope(notDefault);
  const requested = resolveRequestedScopes(tenant, scopes);
  if (!client.servicePrincipalId) throw aadsts.servicePrincipalMissing(client.appId, tenant.id);
  const issued = await ctx.accessTokens.issueAppToken({
    tenantId: tenant.id,
    clientAppId: client.appId,
    clientDisplayName: client.displayName,
    servicePrincipalId: client.servicePrincipalId,
    audience: requested.resourceName,
    roles: consentedAppRoles(tenant, client.servicePrincipalId, requested.resource),
    authentication,
  });
  return {
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    ext_expires_in: issued.expiresIn,
    access_token: issued.token,
  };
}

/** Admin consent for an application permission is an appRoleAssignment on the client's service principal. */
function consentedAppRoles(
  tenant: TenantState,
  servicePrincipalId: string,
  resource: Graph.ServicePrincipal,
): string[] {
  const roleValues = new Map((resource.appRoles ?? []).map((role) => [role.id, role.value]));
  const values = tenant
    .appRoleAssignmentsOf(servicePrincipalId)
    .filter((assignment) => assignment.resourceId === resource.id)
    .map((assignment) => roleValues.get(assignment.appRoleId))
    .filter((value): value is string => typeof value === 'string' && value.length > 0);
  return [...new Set(values)];
}
