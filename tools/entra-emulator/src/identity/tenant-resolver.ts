import type { EmulatorStore, TenantState } from '../store/store.types';
import { aadsts } from './errors/aadsts-catalog';

/**
 * The `{tenant}` path segment: a tenant id, a verified domain, or one of Microsoft's multi-tenant
 * aliases (https://learn.microsoft.com/entra/identity-platform/msal-client-application-configuration#authority).
 * `consumers` (personal Microsoft accounts) has no counterpart in the emulator.
 */
export type TenantSegment =
  { kind: 'tenant'; tenant: TenantState } | { kind: 'common' | 'organizations'; alias: string };

export function resolveTenantSegment(
  store: EmulatorStore,
  segment: string,
  oauthError: 'invalid_tenant' | 'invalid_request' = 'invalid_request',
): TenantSegment {
  const lowered = segment.toLowerCase();
  if (lowered === 'common' || lowered === 'organizations') return { kind: lowered, alias: lowered };
  const tenant = store.tenant(segment);
  if (!tenant) throw aadsts.tenantNotFound(segment, oauthError);
  return { kind: 'tenant', tenant };
}

/** A specific tenant is required (client credentials cannot run against `common`). */
export function requireSpecificTenant(segment: TenantSegment): TenantState {
  if (segment.kind !== 'tenant') throw aadsts.tenantNotIdentified();
  return segment.tenant;
}

/** The tenant that holds a user with this sign-in name, for sign-ins started at `common`/`organizations`. */
export function findUserTenant(store: EmulatorStore, userPrincipalName: string): TenantState | undefined {
  return store.tenants().find((tenant) => tenant.userByPrincipalName(userPrincipalName) !== undefined);
}

export function tenantDisplayName(tenant: TenantState): string {
  return tenant.organization.displayName ?? tenant.id;
}
