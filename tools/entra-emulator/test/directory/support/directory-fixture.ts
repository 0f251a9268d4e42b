import type { TenantFixture } from '../../../src/fixture/fixture.types';
import { generateTenant } from '../../../src/fixture/generate';
import { firstPartyServicePrincipals } from '../../../src/store/first-party-service-principals';
import { GRAPH_APP_ROLES, MICROSOFT_GRAPH_APP_ID } from '../../../src/store/first-party-permissions';

export const TENANT_ID = '0d3f5e2a-7b1c-4e8d-9a6f-2c4b8e1d7f30';
export const TENANT_DOMAIN = 'contoso.com';
export const USERS = 2500;
const DAY = 86_400_000;

export interface TestApp {
  appId: string;
  objectId: string;
  servicePrincipalId: string;
  secret: string;
  roles: string[];
}

function app(index: number, roles: string[]): TestApp {
  const suffix = String(index).padStart(12, '0');
  return {
    appId: `c0ffee00-0000-4000-8000-${suffix}`,
    objectId: `0bec7000-0000-4000-8000-${suffix}`,
    servicePrincipalId: `5e7c1000-0000-4000-8000-${suffix}`,
    secret: `Zx8~directory-test-secret-${index}-0123456789`,
    roles,
  };
}

/** Reads the directory (what directory-sync uses). */
export const READER = app(1, ['Directory.Read.All']);
/** Sets up app registrations and grants consent (what provisioning uses). */
export const ADMIN = app(2, [
  'Application.ReadWrite.All',
  'AppRoleAssignment.ReadWrite.All',
  'DelegatedPermissionGrant.ReadWrite.All',
  'Directory.Read.All',
]);
/** Gets a token, but nobody consented to anything: Graph answers 403. */
export const UNCONSENTED = app(3, []);

/** A generated tenant plus three apps with client secrets and their admin consent. */
export function directoryTestTenant(): TenantFixture {
  const tenant = generateTenant({
    users: USERS,
    seed: 'directory-tests',
    tenantId: TENANT_ID,
    domain: TENANT_DOMAIN,
  });
  const graph = firstPartyServicePrincipals(TENANT_ID).find((sp) => sp.appId === MICROSOFT_GRAPH_APP_ID);
  if (!graph) throw new Error('no Microsoft Graph service principal');
  const now = Date.now();
  const apps = [READER, ADMIN, UNCONSENTED];
  tenant.applications = apps.map((test, index) => ({
    id: test.objectId,
    appId: test.appId,
    displayName: `Directory Test App ${index + 1}`,
    signInAudience: 'AzureADMyOrg',
    keyCredentials: [],
    passwordCredentials: [
      {
        keyId: `5ec7e700-0000-4000-8000-00000000000${index + 1}`,
        displayName: 'test',
        secretText: test.secret,
        hint: test.secret.slice(0, 3),
        startDateTime: new Date(now - DAY).toISOString(),
        endDateTime: new Date(now + 300 * DAY).toISOString(),
      },
    ],
  }));
  tenant.servicePrincipals = apps.map((test, index) => ({
    id: test.servicePrincipalId,
    appId: test.appId,
    displayName: `Directory Test App ${index + 1}`,
    servicePrincipalNames: [test.appId],
    servicePrincipalType: 'Application',
    accountEnabled: true,
    appRoles: [],
    oauth2PermissionScopes: [],
  }));
  tenant.appRoleAssignments = apps.flatMap((test) =>
    test.roles.map((role) => ({
      id: `${test.servicePrincipalId}-${role}`,
      appRoleId: GRAPH_APP_ROLES.find((candidate) => candidate.value === role)?.id,
      principalId: test.servicePrincipalId,
      principalType: 'ServicePrincipal',
      resourceId: graph.id,
      resourceDisplayName: 'Microsoft Graph',
    })),
  );
  return tenant;
}
