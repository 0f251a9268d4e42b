import type { EmulatorFixture } from '../../../src/fixture/fixture.types';
import { identityFixture, type IdentityTestCertificates } from './identity-fixture';

/** A second customer tenant, where the provider's multi-tenant app is not installed yet. */
export const FABRIKAM_ID = 'f0f0f0f0-0000-4000-8000-00000000fab0';
export const FABRIKAM_DOMAIN = 'fabrikam.onmicrosoft.com';
export const FABRIKAM_ADMIN = {
  id: 'fa000000-0000-4000-8000-000000000001',
  upn: `admin@${FABRIKAM_DOMAIN}`,
  password: 'Fab-Admin-Pa55!',
};
export const FABRIKAM_USER = {
  id: 'fa000000-0000-4000-8000-000000000002',
  upn: `user@${FABRIKAM_DOMAIN}`,
  password: 'Fab-User-Pa55!',
};

/** The provider's app, registered in Contoso for every organization (AzureADMultipleOrgs). */
export const PROVIDER_APP_ID = '77777777-8888-4999-8aaa-bbbbbbbbbbbb';
export const PROVIDER_OBJECT_ID = 'a7a7a7a7-0000-4000-8000-000000000007';
export const PROVIDER_SECRET = 'Zx8~provider-secret-value-0123456789';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const DIRECTORY_READ_ALL = '7ab1d382-f21e-4acd-a863-ba3e13f7da61';
const USER_READ = 'e1fe6dd8-ba31-4d61-89e7-88639da4683d';
const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
const DAY = 86_400_000;

/** The identity fixture plus the provider app in Contoso and a Fabrikam tenant with an admin and a user. */
export function multiTenantFixture(certs: IdentityTestCertificates, redirectUris: string[]): EmulatorFixture {
  const fixture = identityFixture(certs, redirectUris);
  const contoso = fixture.tenants[0];
  const now = Date.now();
  contoso.applications = [
    ...(contoso.applications ?? []),
    {
      id: PROVIDER_OBJECT_ID,
      appId: PROVIDER_APP_ID,
      displayName: 'Archive Provider',
      signInAudience: 'AzureADMultipleOrgs',
      publisherDomain: 'contoso.onmicrosoft.com',
      passwordCredentials: [
        {
          keyId: 'p-provider',
          displayName: 'current',
          secretText: PROVIDER_SECRET,
          hint: 'Zx8',
          startDateTime: new Date(now - DAY).toISOString(),
          endDateTime: new Date(now + 300 * DAY).toISOString(),
        },
      ],
      web: { redirectUris, implicitGrantSettings: { enableIdTokenIssuance: true } },
      requiredResourceAccess: [
        {
          resourceAppId: GRAPH_APP_ID,
          resourceAccess: [
            { id: DIRECTORY_READ_ALL, type: 'Role' },
            { id: USER_READ, type: 'Scope' },
          ],
        },
      ],
    },
  ];
  contoso.servicePrincipals = [
    ...(contoso.servicePrincipals ?? []),
    {
      id: 'b7b7b7b7-0000-4000-8000-000000000007',
      appId: PROVIDER_APP_ID,
      displayName: 'Archive Provider',
      servicePrincipalType: 'Application',
      accountEnabled: true,
    },
  ];
  const user = (who: typeof FABRIKAM_ADMIN, displayName: string) => ({
    id: who.id,
    userPrincipalName: who.upn,
    displayName,
    mail: who.upn,
    accountEnabled: true,
    userType: 'Member',
    emulatorPassword: who.password,
  });
  fixture.tenants.push({
    organization: {
      id: FABRIKAM_ID,
      displayName: 'Fabrikam',
      verifiedDomains: [{ name: FABRIKAM_DOMAIN, isDefault: true, isInitial: true, type: 'Managed' }],
    },
    users: [user(FABRIKAM_ADMIN, 'Fabrikam Admin'), user(FABRIKAM_USER, 'Fabrikam User')],
    groups: [],
    roleAssignments: [
      {
        id: 'role-fab-ga',
        principalId: FABRIKAM_ADMIN.id,
        roleDefinitionId: GLOBAL_ADMINISTRATOR,
        directoryScopeId: '/',
      },
    ],
  });
  return fixture;
}
