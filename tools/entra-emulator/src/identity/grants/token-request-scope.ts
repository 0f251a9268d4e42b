import type { IdentityContext } from '../identity-context';
import { aadsts } from '../errors/aadsts-catalog';
import { findRegisteredClient, requireEnabled, type RegisteredClient } from '../clients/registered-client';
import type { TenantState } from '../../store/store.types';
import { tenantDisplayName } from '../tenant-resolver';

/** The token endpoint URLs a client assertion may name as `aud`: as requested, and with the tenant id. */
export function acceptedAssertionAudiences(
  origin: string,
  tenantSegment: string,
  tenantId: string,
): string[] {
  return [`${origin}/${tenantSegment}/oauth2/v2.0/token`, `${origin}/${tenantId}/oauth2/v2.0/token`];
}

/** The client named by `client_id` in this tenant, or Microsoft's AADSTS700016. */
export function requireClient(
  ctx: IdentityContext,
  tenant: TenantState,
  clientId: string | undefined,
): RegisteredClient {
  if (!clientId) throw aadsts.missingParameter('client_id');
  const client = findRegisteredClient(tenant, () => ctx.store.tenants(), clientId);
  if (!client) throw aadsts.applicationNotFound(clientId, tenantDisplayName(tenant));
  // Since March 2026 an app needs its service principal in every tenant it gets tokens in.
  if (client.isForeign && !client.servicePrincipalId)
    throw aadsts.servicePrincipalMissing(client.appId, tenant.id);
  return requireEnabled(client);
}
