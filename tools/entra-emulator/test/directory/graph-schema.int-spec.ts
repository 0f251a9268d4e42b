import type { Client, PageCollection } from '@microsoft/microsoft-graph-client';
import type { ServedEntityType } from '../../src/graph/schema/graph-schema';
import { entityProblems } from '../../src/graph/schema/schema-conformance';
import { ADMIN, READER, TENANT_DOMAIN } from './support/directory-fixture';
import { type DirectoryHarness, startDirectoryHarness } from './support/directory-harness';

type Entity = Record<string, unknown>;

/**
 * Everything the emulator returns, checked against the committed snapshot of Microsoft Graph's CSDL:
 * property names, types, enum values and nullability.
 */
describe('Graph replies conform to the v1.0 schema snapshot', () => {
  let harness: DirectoryHarness;
  let reader: Client;
  let admin: Client;

  beforeAll(async () => {
    harness = await startDirectoryHarness();
    reader = harness.graphClient(READER);
    admin = harness.graphClient(ADMIN);
  });
  afterAll(() => harness.close());

  const check = (entityType: ServedEntityType, items: Entity[]): void => {
    expect(items.length).toBeGreaterThan(0);
    expect(
      items.flatMap((item, index) => entityProblems(entityType, item, `${entityType}[${index}]`)),
    ).toEqual([]);
  };
  const list = async (client: Client, path: string): Promise<Entity[]> =>
    ((await client.api(path).get()) as PageCollection).value as Entity[];

  it('users: default set, every property ($select=*), delta pages and removed items', async () => {
    check('user', await list(reader, '/users?$top=200'));
    check('user', await list(reader, '/users?$top=300&$select=*'));
    check(
      'user',
      await list(
        reader,
        '/users/delta?$select=id,displayName,accountEnabled,assignedPlans,assignedLicenses,proxyAddresses,userType,mail',
      ),
    );
  });

  it('groups and their members', async () => {
    const groups = await list(reader, '/groups?$select=*');
    check('group', groups);
    const archiveUsers = harness.store
      .tenant(TENANT_DOMAIN)
      ?.groups.all()
      .find((group) => group.displayName === 'Archive Users');
    const members = await list(reader, `/groups/${archiveUsers?.id}/transitiveMembers?$top=999`);
    check(
      'user',
      members.filter((member) => member['@odata.type'] === '#microsoft.graph.user'),
    );
    check(
      'group',
      members.filter((member) => member['@odata.type'] === '#microsoft.graph.group'),
    );
  });

  it('organization and subscribedSkus', async () => {
    check('organization', await list(reader, '/organization'));
    check('subscribedSku', await list(reader, '/subscribedSkus'));
  });

  it('applications, service principals, app role assignments and permission grants', async () => {
    const application = (await admin
      .api('/applications')
      .post({ displayName: 'Schema Check', web: { redirectUris: ['https://archive.example/x'] } })) as {
      id: string;
      appId: string;
    };
    const servicePrincipal = (await admin.api('/servicePrincipals').post({ appId: application.appId })) as {
      id: string;
    };
    const graphSp = (
      await list(admin, "/servicePrincipals?$filter=appId eq '00000003-0000-0000-c000-000000000000'")
    )[0] as { id: string };
    await admin.api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignments`).post({
      principalId: servicePrincipal.id,
      resourceId: graphSp.id,
      appRoleId: '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
    });
    await admin.api('/oauth2PermissionGrants').post({
      clientId: servicePrincipal.id,
      consentType: 'AllPrincipals',
      resourceId: graphSp.id,
      scope: 'User.Read',
    });
    check('application', await list(admin, '/applications'));
    check('application', await list(admin, '/applications?$select=*'));
    check('servicePrincipal', await list(admin, '/servicePrincipals'));
    check(
      'appRoleAssignment',
      await list(admin, `/servicePrincipals/${servicePrincipal.id}/appRoleAssignments`),
    );
    check('oAuth2PermissionGrant', await list(admin, '/oauth2PermissionGrants'));
  });
});
