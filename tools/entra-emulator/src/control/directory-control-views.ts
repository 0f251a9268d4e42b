import type { FixtureUser } from '../fixture/fixture.types';
import { project } from '../graph/odata/projection';
import type { MemoryTenant } from '../store/memory-tenant';

const USER_VIEW = [
  'id',
  'userPrincipalName',
  'displayName',
  'mail',
  'accountEnabled',
  'userType',
  'assignedLicenses',
  'proxyAddresses',
  'deletedDateTime',
];

/** A user as the control API shows it: Graph properties only, never the sign-in password. */
export function userView(user: FixtureUser): Record<string, unknown> {
  return { ...project('user', user, USER_VIEW), hasPassword: user.emulatorPassword !== undefined };
}

export function tenantSummary(tenant: MemoryTenant): Record<string, unknown> {
  return {
    id: tenant.id,
    displayName: tenant.organization.displayName ?? null,
    domains: tenant.domainNames(),
    users: tenant.users.count,
    deletedUsers: tenant.users.deletedUsers().length,
    groups: tenant.groups.all().length,
    applications: tenant.apps.allApplications().length,
    servicePrincipals: tenant.apps.allServicePrincipals().length,
    subscribedSkus: tenant.licenses.all().map((sku) => ({
      skuId: sku.skuId,
      skuPartNumber: sku.skuPartNumber,
      consumedUnits: sku.consumedUnits,
      enabled: sku.prepaidUnits?.enabled,
    })),
  };
}
