import { type Client, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import type * as Graph from '@microsoft/microsoft-graph-types';
import { READER, TENANT_DOMAIN, UNCONSENTED } from './support/directory-fixture';
import { type DirectoryHarness, startDirectoryHarness } from './support/directory-harness';

type Member = Graph.DirectoryObject & { '@odata.type': string; displayName?: string };

describe('Graph /groups, members and transitiveMembers', () => {
  let harness: DirectoryHarness;
  let graph: Client;
  const groupNamed = (name: string) =>
    harness.store
      .tenant(TENANT_DOMAIN)
      ?.groups.all()
      .find((group) => group.displayName === name);

  beforeAll(async () => {
    harness = await startDirectoryHarness();
    graph = harness.graphClient(READER);
  });
  afterAll(() => harness.close());

  async function allMembers(path: string): Promise<Member[]> {
    const members: Member[] = [];
    const first: PageCollection = await graph.api(path).top(7).get();
    await new PageIterator(graph, first, (member: Member) => {
      members.push(member);
      return true;
    }).iterate();
    return members;
  }

  it('lists groups and finds one by displayName', async () => {
    const page: PageCollection = await graph.api('/groups').filter("displayName eq 'Archive Users'").get();
    expect(page.value).toHaveLength(1);
    const group: Graph.Group = await graph.api(`/groups/${page.value[0].id}`).get();
    expect(group.securityEnabled).toBe(true);
  });

  it('pages direct members with @odata.type on each', async () => {
    const archiveUsers = groupNamed('Archive Users');
    const members = await allMembers(`/groups/${archiveUsers?.id}/members`);
    expect(members.map((member) => member.id).sort()).toEqual(
      [...(archiveUsers?.emulatorMemberIds ?? [])].sort(),
    );
    expect(
      members
        .filter((member) => member['@odata.type'] === '#microsoft.graph.group')
        .map((member) => member.displayName)
        .sort(),
    ).toEqual(['Archive Pilot', 'Sales Team']);
  });

  it('expands nested groups three levels deep, each member once', async () => {
    const tenant = harness.store.tenant(TENANT_DOMAIN);
    const archiveUsers = groupNamed('Archive Users');
    const members = await allMembers(`/groups/${archiveUsers?.id}/transitiveMembers`);
    const ids = members.map((member) => member.id);
    expect(new Set(ids).size).toBe(ids.length);
    const expectedUsers = new Set([
      ...(groupNamed('Sales Team')?.emulatorMemberIds ?? []),
      ...(groupNamed('Archive Pilot Tokyo')?.emulatorMemberIds ?? []),
      ...(archiveUsers?.emulatorMemberIds ?? []),
      ...(groupNamed('Archive Pilot')?.emulatorMemberIds ?? []),
    ]);
    const users = members
      .filter((member) => member['@odata.type'] === '#microsoft.graph.user')
      .map((member) => member.id);
    expect(new Set(users)).toEqual(new Set([...expectedUsers].filter((id) => tenant?.users.byObjectId(id))));
    expect(
      members
        .filter((member) => member['@odata.type'] === '#microsoft.graph.group')
        .map((member) => member.displayName)
        .sort(),
    ).toEqual(['Archive Pilot', 'Archive Pilot Tokyo', 'Sales Team']);
  });

  it('applies $select to members and reflects membership changes from the control API', async () => {
    const pilot = groupNamed('Archive Pilot Tokyo');
    const joiner = harness.store.tenant(TENANT_DOMAIN)?.users.all()[42];
    expect(
      (
        await harness.control('POST', `/tenants/contoso.com/groups/${pilot?.id}/members`, {
          memberId: joiner?.userPrincipalName,
        })
      ).status,
    ).toBe(204);
    const page: PageCollection = await graph
      .api(`/groups/${pilot?.id}/members`)
      .select('id,userPrincipalName')
      .top(999)
      .get();
    expect(page.value).toContainEqual({
      '@odata.type': '#microsoft.graph.user',
      id: joiner?.id,
      userPrincipalName: joiner?.userPrincipalName,
    });
    expect(
      (await harness.control('DELETE', `/tenants/contoso.com/groups/${pilot?.id}/members/${joiner?.id}`))
        .status,
    ).toBe(204);
    const after: PageCollection = await graph.api(`/groups/${pilot?.id}/members`).select('id').top(999).get();
    expect(after.value.map((member: Member) => member.id)).not.toContain(joiner?.id);
  });

  it('lists the groups a user is in through nesting with transitiveMemberOf', async () => {
    const tokyoMember = groupNamed('Archive Pilot Tokyo')?.emulatorMemberIds[0];
    const page: PageCollection = await graph
      .api(`/users/${tokyoMember}/transitiveMemberOf`)
      .select('displayName')
      .get();
    const names = page.value.map((group: Member) => group.displayName);
    expect(names).toEqual(expect.arrayContaining(['Archive Pilot Tokyo', 'Archive Pilot', 'Archive Users']));
    expect(new Set(names).size).toBe(names.length);
  });

  it('serves subscribedSkus (entity ids {tenantId}_{skuId}) and organization', async () => {
    const tenant = harness.store.tenant(TENANT_DOMAIN);
    const skus: PageCollection = await graph.api('/subscribedSkus').get();
    for (const sku of skus.value as Graph.SubscribedSku[]) expect(sku.id).toBe(`${tenant?.id}_${sku.skuId}`);
    const organization: PageCollection = await graph.api('/organization').select('id,verifiedDomains').get();
    expect(
      organization.value[0].verifiedDomains.map((domain: Graph.VerifiedDomain) => domain.name),
    ).toContain(TENANT_DOMAIN);
  });

  it('refuses $filter on members instead of ignoring it', async () => {
    const refused = await graph
      .api(`/groups/${groupNamed('Sales Team')?.id}/members`)
      .filter('accountEnabled eq true')
      .get()
      .catch((caught: { statusCode: number; code: string }) => caught);
    expect(refused.statusCode).toBe(400);
    expect(refused.code).toBe('Request_UnsupportedQuery');
  });

  it('refuses members to an app without GroupMember.Read.All or Directory.Read.All', async () => {
    const denied = await harness
      .graphClient(UNCONSENTED)
      .api(`/groups/${groupNamed('Sales Team')?.id}/members`)
      .get()
      .catch((caught: { statusCode: number }) => caught);
    expect(denied.statusCode).toBe(403);
  });
});
