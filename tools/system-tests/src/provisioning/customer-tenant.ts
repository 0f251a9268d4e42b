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

/** The hosting provider's own tenant, home of its multi-tenant app (consent links). */
export const PROVIDER_TENANT = 'c0ffee00-7777-4222-8333-444455556666';
export const PROVIDER_APP = {
  objectId: 'c0ffee00-7777-4000-8000-0000000000a1',
  appId: 'c0ffee00-7777-4000-8000-0000000000a2',
  spId: 'c0ffee00-7777-4000-8000-0000000000a3',
};
const APPLICATION_READ_WRITE_ALL = '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9';

/** The provider's tenant; the multi-tenant app may manage app registrations there (itself). */
export function providerTenantFixture(graphServicePrincipalId: string): EmulatorFixture['tenants'][number] {
  return {
    organization: {
      id: PROVIDER_TENANT,
      displayName: 'Hosting provider',
      verifiedDomains: [
        {
          name: 'provider.onmicrosoft.com',
          isDefault: true,
          isInitial: true,
          type: 'Managed',
          capabilities: 'Email',
        },
      ],
    },
    users: [],
    groups: [],
    applications: [
      {
        id: PROVIDER_APP.objectId,
        appId: PROVIDER_APP.appId,
        displayName: 'Hosted email archive',
        signInAudience: 'AzureADMultipleOrgs',
        keyCredentials: [],
        web: {
          redirectUris: [],
          implicitGrantSettings: { enableIdTokenIssuance: true, enableAccessTokenIssuance: false },
        },
      },
    ],
    servicePrincipals: [
      {
        id: PROVIDER_APP.spId,
        appId: PROVIDER_APP.appId,
        displayName: 'Hosted email archive',
        accountEnabled: true,
      },
    ],
    appRoleAssignments: [
      {
        id: 'c0ffee00-7777-4000-8000-0000000000a4',
        appRoleId: APPLICATION_READ_WRITE_ALL,
        principalId: PROVIDER_APP.spId,
        principalType: 'ServicePrincipal',
        resourceId: graphServicePrincipalId,
      },
    ],
  };
}

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
