import { X509Certificate } from 'node:crypto';
import type { EmulatorFixture } from '../../../src/fixture/fixture.types';
import { firstPartyServicePrincipals } from '../../../src/store/first-party-service-principals';
import { certificateDer } from '../../../src/tls/pem';
import { buildCertificate, type IssuedCertificate } from '../../../src/tls/x509-builder';

export const TENANT_ID = '6f1c7a52-3c1e-4d0b-9a57-1b2f5d9e8a10';
export const TENANT_DOMAIN = 'contoso.onmicrosoft.com';
export const OTHER_TENANT_ID = 'a0b1c2d3-0000-4000-8000-00000000beef';

export const CONNECTOR_APP_ID = '11111111-2222-4333-8444-555555555555';
export const UNCONSENTED_APP_ID = '22222222-3333-4444-8555-666666666666';
export const NO_SP_APP_ID = '33333333-4444-4555-8666-777777777777';
export const CLI_APP_ID = '44444444-5555-4666-8777-888888888888';
export const DISABLED_APP_ID = '55555555-6666-4777-8888-999999999999';
export const RESTRICTED_APP_ID = '66666666-7777-4888-8999-aaaaaaaaaaaa';
export const RESTRICTED_SECRET = 'Zx8~restricted-secret-value-0123456789';
export const ARCHIVE_ADMIN_ROLE_ID = 'd1d1d1d1-0000-4000-8000-000000000001';
export const CONNECTOR_SECRET = 'Zx8~connector-secret-value-0123456789';
export const EXPIRED_SECRET = 'Zx8~expired-secret-value-0123456789ab';
export const CONNECTOR_REDIRECT = 'https://archive.example/contoso/oidc/signin';

export const ALICE = {
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  upn: 'alice@contoso.onmicrosoft.com',
  password: 'Alice-Pa55!',
};
export const BOB = {
  id: 'bbbbbbbb-0000-4000-8000-000000000002',
  upn: 'bob@contoso.onmicrosoft.com',
  password: 'Bob-Pa55!',
};
export const CAROL = {
  id: 'cccccccc-0000-4000-8000-000000000003',
  upn: 'carol@contoso.onmicrosoft.com',
  password: 'Carol-Pa55!',
};

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const DIRECTORY_READ_ALL = '7ab1d382-f21e-4acd-a863-ba3e13f7da61';
const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
const FULL_ACCESS_AS_APP = 'dc890d15-9560-4a4c-9b7f-a736ec74ec40';
const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
const DAY = 24 * 60 * 60 * 1000;

export interface IdentityTestCertificates {
  valid: IssuedCertificate;
  expired: IssuedCertificate;
  notYetValid: IssuedCertificate;
  unregistered: IssuedCertificate;
}

/** Client certificates for the tests (self-signed, as admins upload them to app registrations). */
export function makeTestCertificates(): IdentityTestCertificates {
  const make = (name: string) => buildCertificate({ commonName: name, validDays: 365 });
  return {
    valid: make('connector'),
    expired: make('expired'),
    notYetValid: make('future'),
    unregistered: make('stranger'),
  };
}

function keyCredential(cert: IssuedCertificate, keyId: string, start: Date, end: Date) {
  const der = certificateDer(cert.certPem);
  return {
    customKeyIdentifier: Buffer.from(new X509Certificate(der).fingerprint.replace(/:/g, ''), 'hex').toString(
      'base64',
    ),
    displayName: `CN=${keyId}`,
    endDateTime: end.toISOString(),
    key: der.toString('base64'),
    keyId,
    startDateTime: start.toISOString(),
    type: 'AsymmetricX509Cert',
    usage: 'Verify',
  };
}

/** One tenant with a consented connector app, an unconsented app, an app without service principal, a public CLI app and three users. */
export function identityFixture(
  certs: IdentityTestCertificates,
  extraRedirectUris: string[] = [],
): EmulatorFixture {
  const now = Date.now();
  const graphSp = firstPartyServicePrincipals(TENANT_ID).find((sp) => sp.appId === GRAPH_APP_ID);
  const exchangeSp = firstPartyServicePrincipals(TENANT_ID).find((sp) => sp.appId === EXCHANGE_APP_ID);
  if (!graphSp || !exchangeSp)
    throw new Error('the store provides no Microsoft Graph or Exchange Online service principal');
  const user = (
    who: { id: string; upn: string; password: string },
    displayName: string,
    extra: object = {},
  ) => ({
    id: who.id,
    userPrincipalName: who.upn,
    displayName,
    givenName: displayName.split(' ')[0],
    surname: displayName.split(' ')[1],
    mail: who.upn,
    accountEnabled: true,
    userType: 'Member',
    emulatorPassword: who.password,
    ...extra,
  });
  return {
    tenants: [
      {
        organization: {
          id: TENANT_ID,
          displayName: 'Contoso',
          verifiedDomains: [
            {
              name: TENANT_DOMAIN,
              isDefault: true,
              isInitial: true,
              type: 'Managed',
              capabilities: 'Email, OfficeCommunicationsOnline',
            },
          ],
        },
        users: [
          user(ALICE, 'Alice Admin'),
          user(BOB, 'Bob Builder'),
          user(CAROL, 'Carol Closed', { accountEnabled: false }),
        ],
        groups: [],
        applications: [
          {
            id: 'a1a1a1a1-0000-4000-8000-000000000001',
            appId: CONNECTOR_APP_ID,
            displayName: 'Archive Connector',
            signInAudience: 'AzureADMyOrg',
            keyCredentials: [
              keyCredential(certs.valid, 'k-valid', new Date(now - DAY), new Date(now + 300 * DAY)),
              keyCredential(certs.expired, 'k-expired', new Date(now - 400 * DAY), new Date(now - DAY)),
              keyCredential(
                certs.notYetValid,
                'k-future',
                new Date(now + 10 * DAY),
                new Date(now + 400 * DAY),
              ),
            ],
            passwordCredentials: [
              {
                keyId: 'p-valid',
                displayName: 'current',
                secretText: CONNECTOR_SECRET,
                hint: 'Zx8',
                startDateTime: new Date(now - DAY).toISOString(),
                endDateTime: new Date(now + 300 * DAY).toISOString(),
              },
              {
                keyId: 'p-expired',
                displayName: 'old',
                secretText: EXPIRED_SECRET,
                hint: 'Zx8',
                startDateTime: new Date(now - 400 * DAY).toISOString(),
                endDateTime: new Date(now - DAY).toISOString(),
              },
            ],
            web: {
              redirectUris: [CONNECTOR_REDIRECT, ...extraRedirectUris],
              implicitGrantSettings: { enableIdTokenIssuance: true, enableAccessTokenIssuance: false },
            },
          },
          {
            id: 'a2a2a2a2-0000-4000-8000-000000000002',
            appId: UNCONSENTED_APP_ID,
            displayName: 'Unconsented App',
            signInAudience: 'AzureADMyOrg',
            keyCredentials: [
              keyCredential(certs.valid, 'k-valid-2', new Date(now - DAY), new Date(now + 300 * DAY)),
            ],
            passwordCredentials: [],
            web: {
              redirectUris: [CONNECTOR_REDIRECT],
              implicitGrantSettings: { enableIdTokenIssuance: false, enableAccessTokenIssuance: false },
            },
          },
          {
            id: 'a3a3a3a3-0000-4000-8000-000000000003',
            appId: NO_SP_APP_ID,
            displayName: 'App Without Service Principal',
            signInAudience: 'AzureADMyOrg',
            keyCredentials: [
              keyCredential(certs.valid, 'k-valid-3', new Date(now - DAY), new Date(now + 300 * DAY)),
            ],
            passwordCredentials: [],
          },
          {
            id: 'a5a5a5a5-0000-4000-8000-000000000005',
            appId: DISABLED_APP_ID,
            displayName: 'Disabled App',
            signInAudience: 'AzureADMyOrg',
            keyCredentials: [
              keyCredential(certs.valid, 'k-valid-5', new Date(now - DAY), new Date(now + 300 * DAY)),
            ],
            passwordCredentials: [],
            web: { redirectUris: [CONNECTOR_REDIRECT] },
          },
          {
            id: 'a6a6a6a6-0000-4000-8000-000000000006',
            appId: RESTRICTED_APP_ID,
            displayName: 'Restricted Archive',
            signInAudience: 'AzureADMyOrg',
            appRoles: [
              {
                id: ARCHIVE_ADMIN_ROLE_ID,
                allowedMemberTypes: ['User'],
                description: 'Administers the archive',
                displayName: 'Archive administrator',
                isEnabled: true,
                value: 'Archive.Admin',
              },
            ],
            passwordCredentials: [
              {
                keyId: 'p-restricted',
                displayName: 'current',
                secretText: RESTRICTED_SECRET,
                hint: 'Zx8',
                startDateTime: new Date(now - DAY).toISOString(),
                endDateTime: new Date(now + 300 * DAY).toISOString(),
              },
            ],
            web: { redirectUris: [CONNECTOR_REDIRECT] },
          },
          {
            id: 'a4a4a4a4-0000-4000-8000-000000000004',
            appId: CLI_APP_ID,
            displayName: 'Archive CLI',
            signInAudience: 'AzureADMyOrg',
            isFallbackPublicClient: true,
            publicClient: { redirectUris: ['http://localhost'] },
          },
        ],
        servicePrincipals: [
          {
            id: 'b1b1b1b1-0000-4000-8000-000000000001',
            appId: CONNECTOR_APP_ID,
            displayName: 'Archive Connector',
            servicePrincipalType: 'Application',
            accountEnabled: true,
          },
          {
            id: 'b2b2b2b2-0000-4000-8000-000000000002',
            appId: UNCONSENTED_APP_ID,
            displayName: 'Unconsented App',
            servicePrincipalType: 'Application',
            accountEnabled: true,
          },
          {
            id: 'b5b5b5b5-0000-4000-8000-000000000005',
            appId: DISABLED_APP_ID,
            displayName: 'Disabled App',
            servicePrincipalType: 'Application',
            accountEnabled: false,
          },
          {
            id: 'b6b6b6b6-0000-4000-8000-000000000006',
            appId: RESTRICTED_APP_ID,
            displayName: 'Restricted Archive',
            servicePrincipalType: 'Application',
            accountEnabled: true,
            appRoleAssignmentRequired: true,
          },
          {
            id: 'b4b4b4b4-0000-4000-8000-000000000004',
            appId: CLI_APP_ID,
            displayName: 'Archive CLI',
            servicePrincipalType: 'Application',
            accountEnabled: true,
          },
        ],
        appRoleAssignments: [
          {
            id: 'c1c1c1c1-0000-4000-8000-000000000001',
            appRoleId: DIRECTORY_READ_ALL,
            principalId: 'b1b1b1b1-0000-4000-8000-000000000001',
            principalType: 'ServicePrincipal',
            resourceId: graphSp.id,
            resourceDisplayName: 'Microsoft Graph',
          },
          {
            id: 'c1c1c1c1-0000-4000-8000-000000000002',
            appRoleId: FULL_ACCESS_AS_APP,
            principalId: 'b1b1b1b1-0000-4000-8000-000000000001',
            principalType: 'ServicePrincipal',
            resourceId: exchangeSp.id,
            resourceDisplayName: 'Office 365 Exchange Online',
          },
          {
            id: 'c1c1c1c1-0000-4000-8000-000000000003',
            appRoleId: ARCHIVE_ADMIN_ROLE_ID,
            principalId: ALICE.id,
            principalType: 'User',
            resourceId: 'b6b6b6b6-0000-4000-8000-000000000006',
            resourceDisplayName: 'Restricted Archive',
          },
        ],
        oauth2PermissionGrants: [
          {
            id: 'grant-connector-all',
            clientId: 'b1b1b1b1-0000-4000-8000-000000000001',
            consentType: 'AllPrincipals',
            resourceId: graphSp.id,
            scope: 'User.Read',
          },
          {
            id: 'grant-cli-all',
            clientId: 'b4b4b4b4-0000-4000-8000-000000000004',
            consentType: 'AllPrincipals',
            resourceId: graphSp.id,
            scope: 'User.Read',
          },
        ],
        roleAssignments: [
          {
            id: 'role-alice-ga',
            principalId: ALICE.id,
            roleDefinitionId: GLOBAL_ADMINISTRATOR,
            directoryScopeId: '/',
          },
        ],
      },
    ],
  };
}
