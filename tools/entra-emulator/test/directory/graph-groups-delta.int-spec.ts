import { type Client, GraphError } from '@microsoft/microsoft-graph-client';
import { READER, TENANT_DOMAIN } from './support/directory-fixture';
import { deltaRound, expectExpiredAndUnknown } from './support/delta-round';
import { type DirectoryHarness, startDirectoryHarness } from './support/directory-harness';

interface Member {
  '@odata.type': string;
  id: string;
  '@removed'?: { reason: string };
}

interface GroupItem {
  id: string;
  displayName?: string;
  'members@delta'?: Member[];
  '@removed'?: { reason: string };
}

const byIds = (...ids: string[]) => ids.map((id) => `id eq '${id}'`).join(' or ');

describe('Graph /groups/delta', () => {
  let harness: DirectoryHarness;
  let graph: Client;
  const users: string[] = [];
  const groups: Record<string, string> = {};

  const newGroup = async (displayName: string, memberIds: string[]): Promise<string> => {
    const response = await harness.control('POST', `/tenants/${TENANT_DOMAIN}/groups`, {
      displayName,
      memberIds,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };

  beforeAll(async () => {
    harness = await startDirectoryHarness();
    graph = harness.graphClient(READER);
    users.push(
      ...(harness.store.tenant(TENANT_DOMAIN)?.users.all().slice(0, 6) ?? []).map((user) => user.id),
    );
    groups.inner = await newGroup('Inner', [users[2]]);
    groups.outer = await newGroup('Outer', [users[0], users[1], groups.inner]);
    groups.other = await newGroup('Other', [users[3]]);
  });
  afterAll(() => harness.close());
  afterEach(async () => {
    await harness.control('DELETE', '/clock');
    await harness.control('DELETE', '/faults');
  });

  it('first round: the filtered groups with every direct member in members@delta, then a deltaLink', async () => {
    const filter = encodeURIComponent(byIds(groups.outer, groups.inner));
    const round = await deltaRound<GroupItem>(
      graph,
      `/groups/delta?$select=displayName,members&$filter=${filter}`,
    );
    expect(round.pages).toBe(1);
    const byId = new Map(round.items.map((item) => [item.id, item]));
    expect([...byId.keys()].sort()).toEqual([groups.outer, groups.inner].sort());
    expect(byId.get(groups.outer)).toEqual({
      displayName: 'Outer',
      id: groups.outer,
      'members@delta': [
        { '@odata.type': '#microsoft.graph.user', id: users[0] },
        { '@odata.type': '#microsoft.graph.user', id: users[1] },
        { '@odata.type': '#microsoft.graph.group', id: groups.inner },
      ],
    });
    expect(round.deltaLink).toMatch(new RegExp(`^${harness.url}/v1.0/groups/delta\\(\\)\\?\\$deltatoken=`));
  });

  it('pages every group once with nextLinks, 100 a page', async () => {
    for (let index = 0; index < 100; index++) await newGroup(`Bulk ${index}`, []);
    const total = harness.store.tenant(TENANT_DOMAIN)?.groups.all().length ?? 0;
    const round = await deltaRound<GroupItem>(graph, '/groups/delta?$select=displayName');
    expect(round.pages).toBe(Math.ceil(total / 100));
    expect(new Set(round.items.map((item) => item.id)).size).toBe(total);
    expect(round.items.every((item) => item['members@delta'] === undefined)).toBe(true);
  });

  it('splits a large group over pages, the group repeated with the next members', async () => {
    const everyone = harness.store.tenant(TENANT_DOMAIN)?.users.all().slice(0, 1500) ?? [];
    const large = await newGroup(
      'Large',
      everyone.map((user) => user.id),
    );
    const round = await deltaRound<GroupItem>(
      graph,
      `/groups/delta?$select=displayName,members&$filter=${encodeURIComponent(byIds(large))}`,
    );
    expect(round.pages).toBe(2);
    expect(round.items.map((item) => [item.id, item['members@delta']?.length])).toEqual([
      [large, 1000],
      [large, 500],
    ]);
    const members = new Set(
      round.items.flatMap((item) => item['members@delta']?.map((member) => member.id) ?? []),
    );
    expect(members.size).toBe(1500);
  });

  it('later rounds: only the member changes (removals with @removed), deleted groups @removed, nothing outside the filter', async () => {
    const filter = encodeURIComponent(byIds(groups.outer, groups.inner));
    const first = await deltaRound<GroupItem>(
      graph,
      `/groups/delta?$select=displayName,members&$filter=${filter}`,
    );
    const nested = await newGroup('Nested Later', [users[5]]);
    expect(
      (
        await harness.control('POST', `/tenants/${TENANT_DOMAIN}/groups/${groups.outer}/members`, {
          memberId: users[4],
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await harness.control('POST', `/tenants/${TENANT_DOMAIN}/groups/${groups.outer}/members`, {
          memberId: nested,
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await harness.control(
          'DELETE',
          `/tenants/${TENANT_DOMAIN}/groups/${groups.outer}/members/${users[1]}`,
        )
      ).status,
    ).toBe(204);
    expect(
      (
        await harness.control('POST', `/tenants/${TENANT_DOMAIN}/groups/${groups.other}/members`, {
          memberId: users[4],
        })
      ).status,
    ).toBe(204);
    expect((await harness.control('DELETE', `/tenants/${TENANT_DOMAIN}/groups/${groups.inner}`)).status).toBe(
      204,
    );

    const changes = await deltaRound<GroupItem>(graph, first.deltaLink);
    const byId = new Map(changes.items.map((item) => [item.id, item]));
    expect([...byId.keys()].sort()).toEqual([groups.outer, groups.inner].sort());
    expect(byId.get(groups.inner)).toEqual({ id: groups.inner, '@removed': { reason: 'deleted' } });
    expect(byId.get(groups.outer)?.displayName).toBe('Outer');
    expect(byId.get(groups.outer)?.['members@delta']).toEqual(
      expect.arrayContaining([
        { '@odata.type': '#microsoft.graph.user', id: users[4] },
        { '@odata.type': '#microsoft.graph.group', id: nested },
        { '@odata.type': '#microsoft.graph.user', id: users[1], '@removed': { reason: 'deleted' } },
        // The deleted group left the group it was a member of.
        { '@odata.type': '#microsoft.graph.group', id: groups.inner, '@removed': { reason: 'deleted' } },
      ]),
    );
    expect(byId.get(groups.outer)?.['members@delta']).toHaveLength(4);
    // Replays are harmless: the same link reports the same changes.
    expect((await deltaRound<GroupItem>(graph, first.deltaLink)).items).toEqual(changes.items);
    // Nothing changed since.
    expect((await deltaRound<GroupItem>(graph, changes.deltaLink)).items).toEqual([]);
  });

  it('$deltatoken=latest: no items, only a link that reports later changes', async () => {
    const filter = encodeURIComponent(byIds(groups.other));
    const latest = await deltaRound<GroupItem>(
      graph,
      `/groups/delta?$select=displayName,members&$filter=${filter}&$deltatoken=latest`,
    );
    expect(latest.items).toEqual([]);
    expect(
      (
        await harness.control(
          'DELETE',
          `/tenants/${TENANT_DOMAIN}/groups/${groups.other}/members/${users[3]}`,
        )
      ).status,
    ).toBe(204);
    const changes = await deltaRound<GroupItem>(graph, latest.deltaLink);
    expect(changes.items).toEqual([
      {
        displayName: 'Other',
        id: groups.other,
        'members@delta': [
          { '@odata.type': '#microsoft.graph.user', id: users[3], '@removed': { reason: 'deleted' } },
        ],
      },
    ]);
  });

  it('refuses more than 50 ids and any other filter', async () => {
    const ids = Array.from(
      { length: 51 },
      (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    );
    const tooMany: GraphError = await graph
      .api(`/groups/delta?$filter=${encodeURIComponent(byIds(...ids))}`)
      .get()
      .catch((caught: GraphError) => caught);
    expect(tooMany.statusCode).toBe(400);
    const other: GraphError = await graph
      .api(`/groups/delta?$filter=${encodeURIComponent("displayName eq 'Outer'")}`)
      .get()
      .catch((caught: GraphError) => caught);
    expect(other.statusCode).toBe(400);
  });

  it('answers 400 syncStateNotFound for a deltaLink older than 7 days, and 410 for an unknown token', async () => {
    const round = await deltaRound<GroupItem>(
      graph,
      '/groups/delta?$select=displayName,members&$deltatoken=latest',
    );
    await expectExpiredAndUnknown(harness, round.deltaLink, '/groups/delta?$deltatoken=bm90LWEtdG9rZW4');
  });

  it('is subject to the fault rules like any Graph path', async () => {
    expect(
      (
        await harness.control('POST', '/faults', {
          kind: 'serverError',
          pathPrefix: '/v1.0/groups/delta',
          times: 1,
        })
      ).status,
    ).toBe(201);
    const token = await harness.token(READER);
    const failed = await harness.fetch(`${harness.url}/v1.0/groups/delta?$deltatoken=latest`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(failed.status).toBeGreaterThanOrEqual(500);
    const next = await harness.fetch(`${harness.url}/v1.0/groups/delta?$deltatoken=latest`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(next.status).toBe(200);
  });
});
