import type { EmulatorFixture } from '@archive365/entra-emulator';

export const CUSTOMER_TENANT = 'c0ffee00-1111-4222-8333-444455556666';
export const CUSTOMER_DOMAIN = 'northwind.onmicrosoft.com';
/** Another customer's tenant: an instance's credential pointed here has no app. */
export const OTHER_TENANT = 'c0ffee00-9999-4222-8333-444455556666';
export const ADMIN = {
  id: 'ad000000-0000-4000-8000-000000000001',
  upn: `admin@${CUSTOMER_DOMAIN}`,
  password: 'Admin-Pa55!',
};
export const NOBODY = {
  id: 'ad000000-0000-4000-8000-000000000002',
  upn: `clerk@${CUSTOMER_DOMAIN}`,
  password: 'Clerk-Pa55!',
};
const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';

/** A customer's tenant before anything was set up: a Global Administrator, a clerk and no apps. */
export function customerTenantFixture(): EmulatorFixture {
  return {
    tenants: [
      {
        organization: {
          id: CUSTOMER_TENANT,
          displayName: 'Northwind',
          verifiedDomains: [
            {
              name: CUSTOMER_DOMAIN,
              isDefault: true,
              isInitial: true,
              type: 'Managed',
              capabilities: 'Email',
            },
          ],
        },
        users: [
          {
            id: ADMIN.id,
            userPrincipalName: ADMIN.upn,
            displayName: 'Nora Admin',
            accountEnabled: true,
            userType: 'Member',
            emulatorPassword: ADMIN.password,
          },
          {
            id: NOBODY.id,
            userPrincipalName: NOBODY.upn,
            displayName: 'Carl Clerk',
            accountEnabled: true,
            userType: 'Member',
            emulatorPassword: NOBODY.password,
          },
        ],
        groups: [],
        applications: [],
        servicePrincipals: [],
        appRoleAssignments: [],
        roleAssignments: [
          {
            id: 'ra000000-0000-4000-8000-000000000001',
            principalId: ADMIN.id,
            roleDefinitionId: GLOBAL_ADMINISTRATOR,
            directoryScopeId: '/',
          },
        ],
      },
      {
        organization: {
          id: OTHER_TENANT,
          displayName: 'Contoso',
          verifiedDomains: [
            {
              name: 'contoso-other.onmicrosoft.com',
              isDefault: true,
              isInitial: true,
              type: 'Managed',
              capabilities: 'Email',
            },
          ],
        },
        users: [],
        groups: [],
      },
    ],
  };
}
