import { decodeJwt } from 'jose';
import type { ExtraCaTrust } from '../platform/trust-ca';

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The tenant's id (GUID) for a GUID or verified domain, from its OpenID configuration's issuer
 * (`https://login.microsoftonline.com/{tid}/v2.0`); undefined when Entra ID does not know the tenant.
 */
export async function resolveTenantId(
  trust: ExtraCaTrust,
  authorityHost: string,
  tenant: string,
): Promise<string | undefined> {
  const response = await trust.fetch(
    `${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenant)}/v2.0/.well-known/openid-configuration`,
  );
  if (!response.ok) return undefined;
  const configuration = (await response.json()) as { issuer?: unknown };
  return typeof configuration.issuer === 'string'
    ? GUID.exec(configuration.issuer)?.[0]?.toLowerCase()
    : undefined;
}

/** The `roles` of an access token Entra just issued to us (read, not verified: we are its client). */
export function rolesOfToken(accessToken: string): string[] {
  try {
    const claims = decodeJwt(accessToken);
    return Array.isArray(claims.roles)
      ? claims.roles.filter((role): role is string => typeof role === 'string')
      : [];
  } catch {
    return [];
  }
}
