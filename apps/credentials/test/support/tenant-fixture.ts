import type { EmulatorFixture } from '@archive365/entra-emulator';

export const TENANT_ID = '3f0c9a5e-8b1d-4c2e-9f47-5a6b7c8d9e01';
export const TENANT_DOMAIN = 'fabrikam.onmicrosoft.com';
/** The archive's app registration in the customer's tenant, consented for Directory.Read.All. */
export const ARCHIVE_APP = {
  objectId: '5d4c3b2a-0000-4000-8000-0000000000a1',
  appId: '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a01',
  spId: '5d4c3b2a-0000-4000-8000-0000000000b1',
};
/** An administrator's tool that may edit app registrations (it uploads certificates in these tests). */
export const SETUP_APP = {
  objectId: '5d4c3b2a-0000-4000-8000-0000000000a2',
  appId: '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a02',
  spId: '5d4c3b2a-0000-4000-8000-0000000000b2',
  secret: 'Fk3~setup-tool-secret-for-tests-only-000',
};
/** An app registration whose permissions were never consented to: its tokens carry no roles. */
export const UNCONSENTED_APP = {
  objectId: '5a5a5a5a-1c2d-4e3f-8a4b-5c6d7e8f9a03',
  appId: '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a03',
  spId: '6b6b6b6b-1c2d-4e3f-8a4b-5c6d7e8f9a03',
};
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const DIRECTORY_READ_ALL = '7ab1d382-f21e-4acd-a863-ba3e13f7da61';
const APPLICATION_READ_WRITE_ALL = '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9';
const DAY = 86_400_000;

/**
 * A customer tenant as an administrator leaves it before uploading any certificate. Admin consent
 * (app role assignments) needs the tenant's Microsoft Graph service principal id: without it, none.
 */
export function customerTenant(graphServicePrincipalId?: string): EmulatorFixture {
  const now = Date.now();
  return {
    tenants: [
      {
        organization: {
          id: TENANT_ID,
          displayName: 'Fabrikam',
          verifiedDomains: [
            { name: TENANT_DOMAIN, isDefault: true, isInitial: true, type: 'Managed', capabilities: 'Email' },
          ],
        },
        users: [
          {
            id: 'd0d0d0d0-0000-4000-8000-000000000001',
            userPrincipalName: `ada@${TENANT_DOMAIN}`,
            displayName: 'Ada Lovelace',
            accountEnabled: true,
            userType: 'Member',
          },
          {
            id: 'd0d0d0d0-0000-4000-8000-000000000002',
            userPrincipalName: `alan@${TENANT_DOMAIN}`,
            displayName: 'Alan Turing',
            accountEnabled: true,
            userType: 'Member',
          },
        ],
        groups: [],
        applications: [
          {
            id: ARCHIVE_APP.objectId,
            appId: ARCHIVE_APP.appId,
            displayName: 'Email Archive',
            signInAudience: 'AzureADMyOrg',
            keyCredentials: [],
            passwordCredentials: [],
          },
          {
            id: UNCONSENTED_APP.objectId,
            appId: UNCONSENTED_APP.appId,
            displayName: 'Archive without consent',
            signInAudience: 'AzureADMyOrg',
            keyCredentials: [],
            passwordCredentials: [],
          },
          {
            id: SETUP_APP.objectId,
            appId: SETUP_APP.appId,
            displayName: 'Archive setup tool',
            signInAudience: 'AzureADMyOrg',
            keyCredentials: [],
            passwordCredentials: [
              {
                keyId: '9a9a9a9a-0000-4000-8000-000000000001',
                displayName: 'tests',
                secretText: SETUP_APP.secret,
                hint: 'Fk3',
                startDateTime: new Date(now - DAY).toISOString(),
                endDateTime: new Date(now + 300 * DAY).toISOString(),
              },
            ],
          },
        ],
        servicePrincipals: [
          {
            id: ARCHIVE_APP.spId,
            appId: ARCHIVE_APP.appId,
            displayName: 'Email Archive',
            servicePrincipalType: 'Application',
            accountEnabled: true,
          },
          {
            id: UNCONSENTED_APP.spId,
            appId: UNCONSENTED_APP.appId,
            displayName: 'Archive without consent',
            servicePrincipalType: 'Application',
            accountEnabled: true,
          },
          {
            id: SETUP_APP.spId,
            appId: SETUP_APP.appId,
            displayName: 'Archive setup tool',
            servicePrincipalType: 'Application',
            accountEnabled: true,
          },
        ],
        appRoleAssignments: !graphServicePrincipalId
          ? []
          : [
              {
                id: 'e1e1e1e1-0000-4000-8000-000000000001',
                appRoleId: DIRECTORY_READ_ALL,
                principalId: ARCHIVE_APP.spId,
                principalType: 'ServicePrincipal',
                resourceId: graphServicePrincipalId,
                resourceDisplayName: 'Microsoft Graph',
              },
              {
                id: 'e1e1e1e1-0000-4000-8000-000000000002',
                appRoleId: APPLICATION_READ_WRITE_ALL,
                principalId: SETUP_APP.spId,
                principalType: 'ServicePrincipal',
                resourceId: graphServicePrincipalId,
                resourceDisplayName: 'Microsoft Graph',
              },
            ],
      },
    ],
  };
}
