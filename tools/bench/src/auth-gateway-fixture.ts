import type { EmulatorFixture } from '@archive365/entra-emulator';

export const BENCH_TENANT = 'be4c0000-0000-4000-8000-0000000a1a50';
export const BENCH_APP_ID = 'be4c0000-a000-4000-8000-000000000a99';
export const BENCH_SECRET = 'Zx8~bench-baseline-secret-0123456789';
export const PUBLIC_BASE_URL = 'https://archive.bench.example';
const SCOPE_ID = 'be4c0000-5c00-4000-8000-000000000001';

export const benchUsers = Array.from({ length: 64 }, (_, i) => {
  const n = String(i + 1).padStart(3, '0');
  return {
    id: `be4c0000-0000-4000-8000-000000000${n}`,
    upn: `user${n}@bench.onmicrosoft.com`,
    displayName: `User ${n}`,
  };
});

/**
 * One tenant with 64 users and the archive's app registration: web redirect URI of the gateway, ID
 * tokens enabled (for the id_token flow), a secret (the baseline's client authentication), and the API
 * the Outlook add-in asks a v2 token for (`api://{appId}/access_as_user`, pre-authorized).
 */
export function benchFixture(): EmulatorFixture {
  return {
    tenants: [
      {
        organization: {
          id: BENCH_TENANT,
          displayName: 'Bench',
          verifiedDomains: [{ name: 'bench.onmicrosoft.com', isDefault: true, isInitial: true }],
        },
        users: benchUsers.map((user) => ({
          id: user.id,
          userPrincipalName: user.upn,
          displayName: user.displayName,
          mail: user.upn,
          accountEnabled: true,
          userType: 'Member',
          emulatorPassword: 'Bench-Pa55!',
        })),
        groups: [],
        applications: [
          {
            id: 'be4c0000-a000-4000-8000-000000000001',
            appId: BENCH_APP_ID,
            displayName: 'Bench archive',
            signInAudience: 'AzureADMyOrg',
            identifierUris: [`api://${BENCH_APP_ID}`],
            api: {
              requestedAccessTokenVersion: 2,
              oauth2PermissionScopes: [
                {
                  id: SCOPE_ID,
                  value: 'access_as_user',
                  type: 'User',
                  isEnabled: true,
                  adminConsentDisplayName: 'Use the archive',
                },
              ],
              preAuthorizedApplications: [{ appId: BENCH_APP_ID, delegatedPermissionIds: [SCOPE_ID] }],
            },
            keyCredentials: [],
            passwordCredentials: [
              {
                keyId: 'be4c0000-0000-4000-8000-00000000c0c0',
                displayName: 'baseline',
                secretText: BENCH_SECRET,
                hint: 'Zx8',
                startDateTime: new Date(Date.now() - 86_400_000).toISOString(),
                endDateTime: new Date(Date.now() + 86_400_000).toISOString(),
              },
            ],
            spa: { redirectUris: [`brk-multihub://${new URL(PUBLIC_BASE_URL).host}`] },
            web: {
              redirectUris: [`${PUBLIC_BASE_URL}/bench/oidc/signin`],
              implicitGrantSettings: { enableIdTokenIssuance: true, enableAccessTokenIssuance: false },
            },
          },
        ],
        servicePrincipals: [
          {
            id: 'be4c0000-b000-4000-8000-000000000001',
            appId: BENCH_APP_ID,
            displayName: 'Bench archive',
            accountEnabled: true,
          },
        ],
      },
    ],
  } as EmulatorFixture;
}
