import type { Client } from '@microsoft/microsoft-graph-client';
import { READER, TENANT_DOMAIN, USERS } from './support/directory-fixture';
import { deltaRound, expectExpiredAndUnknown } from './support/delta-round';
import { type DirectoryHarness, startDirectoryHarness } from './support/directory-harness';

interface DeltaPage {
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  value: UserItem[];
}

type UserItem = { id: string; displayName?: string; '@removed'?: { reason: string } };

describe('Graph /users/delta', () => {
  let harness: DirectoryHarness;
  let graph: Client;

  beforeAll(async () => {
    harness = await startDirectoryHarness();
    graph = harness.graphClient(READER);
  });
  afterAll(() => harness.close());
  afterEach(async () => {
    await harness.control('DELETE', '/clock');
  });

  it('pages the initial round by about 200 (ignoring $top) and ends with a deltaLink', async () => {
    const first: DeltaPage = await graph.api('/users/delta').select('id,displayName').top(5).get();
    expect(first.value).toHaveLength(200);
    expect(first['@odata.nextLink']).toMatch(
      new RegExp(`^${harness.url}/v1.0/users/delta\\(\\)\\?\\$skiptoken=`),
    );
    const round = await deltaRound<UserItem>(graph, '/users/delta?$select=id,displayName');
    expect(round.pages).toBe(Math.ceil(USERS / 200));
    expect(new Set(round.items.map((user) => user.id)).size).toBe(USERS);
    expect(Object.keys(round.items[0]).sort()).toEqual(['displayName', 'id']);
    expect(round.deltaLink).toMatch(/\/users\/delta\(\)\?\$deltatoken=/);
    // SDKs use the qualified function name.
    const qualified: DeltaPage = await graph.api('/users/microsoft.graph.delta').select('id').get();
    expect(qualified.value).toHaveLength(200);
  });

  it("always returns each user's id, also when $select leaves it out", async () => {
    const first: DeltaPage = await graph.api('/users/delta').select('displayName,userPrincipalName').get();
    expect(Object.keys(first.value[0])).toEqual(['displayName', 'userPrincipalName', 'id']);
    expect(first.value.every((user) => typeof user.id === 'string' && user.id.length > 0)).toBe(true);
    const round = await deltaRound<UserItem>(graph, '/users/delta?$deltatoken=latest&$select=displayName');
    await harness.control('PATCH', `/tenants/contoso.com/users/${first.value[0].id}`, {
      displayName: 'Renamed For Delta',
    });
    const changes = await deltaRound<UserItem>(graph, round.deltaLink);
    expect(changes.items).toEqual([{ displayName: 'Renamed For Delta', id: first.value[0].id }]);
  });

  it('reports joiners, renames, soft deletes ("changed"), purges ("deleted") and restores; replays are harmless', async () => {
    const baseline = await deltaRound<UserItem>(graph, '/users/delta?$deltatoken=latest');
    expect(baseline.items).toEqual([]);
    const joiner = await harness.control('POST', '/tenants/contoso.com/users', {
      displayName: 'Nia Newcomer',
      userPrincipalName: `nia@${TENANT_DOMAIN}`,
    });
    expect(joiner.status).toBe(201);
    const niaId = ((await joiner.json()) as { id: string }).id;
    const [renamed, leaver, purged] = harness.store.tenant(TENANT_DOMAIN)?.users.all().slice(10, 13) ?? [];
    expect(
      (
        await harness.control('PATCH', `/tenants/contoso.com/users/${renamed.id}`, {
          displayName: 'Renamed Person',
        })
      ).status,
    ).toBe(200);
    expect((await harness.control('DELETE', `/tenants/contoso.com/users/${leaver.id}`)).status).toBe(200);
    expect((await harness.control('DELETE', `/tenants/contoso.com/users/${purged.id}`)).status).toBe(200);
    expect((await harness.control('DELETE', `/tenants/contoso.com/deletedUsers/${purged.id}`)).status).toBe(
      204,
    );

    const changes = await deltaRound<UserItem>(graph, baseline.deltaLink);
    const byId = new Map(changes.items.map((item) => [item.id, item]));
    expect(byId.get(niaId)?.displayName).toBe('Nia Newcomer');
    expect(byId.get(renamed.id)?.displayName).toBe('Renamed Person');
    expect(byId.get(leaver.id)?.['@removed']).toEqual({ reason: 'changed' });
    expect(byId.get(purged.id)?.['@removed']).toEqual({ reason: 'deleted' });
    expect(changes.items).toHaveLength(4);

    const replay = await deltaRound<UserItem>(graph, baseline.deltaLink);
    expect(replay.items).toEqual(changes.items);

    expect((await harness.control('POST', `/tenants/contoso.com/users/${leaver.id}/restore`)).status).toBe(
      200,
    );
    const afterRestore = await deltaRound<UserItem>(graph, changes.deltaLink);
    expect(afterRestore.items.map((item) => [item.id, item['@removed']])).toEqual([[leaver.id, undefined]]);
  });

  it('purges users deleted more than 30 days ago, reported as "deleted"', async () => {
    const baseline = await deltaRound<UserItem>(graph, '/users/delta?$deltatoken=latest');
    const leaver = harness.store.tenant(TENANT_DOMAIN)?.users.all()[20];
    expect((await harness.control('DELETE', `/tenants/contoso.com/users/${leaver?.id}`)).status).toBe(200);
    expect((await harness.control('POST', '/clock/advance', { days: 6 })).status).toBe(200);
    const soft = await deltaRound<UserItem>(harness.graphClient(READER), baseline.deltaLink);
    expect(soft.items).toEqual([{ id: leaver?.id, '@removed': { reason: 'changed' } }]);
    // A sync engine polls within the 7-day token lifetime; after 30 days the user is purged.
    let deltaLink = soft.deltaLink;
    const later: DeltaPage['value'] = [];
    for (let day = 6; day <= 36; day += 6) {
      expect((await harness.control('POST', '/clock/advance', { days: 6 })).status).toBe(200);
      const round = await deltaRound<UserItem>(harness.graphClient(READER), deltaLink);
      later.push(...round.items);
      deltaLink = round.deltaLink;
    }
    expect(later).toEqual([{ id: leaver?.id, '@removed': { reason: 'deleted' } }]);
    expect(harness.store.tenant(TENANT_DOMAIN)?.users.deletedById(leaver?.id ?? '')).toBeUndefined();
  });

  it('answers 400 syncStateNotFound for a deltaLink older than 7 days, and 410 for an unknown token', async () => {
    const round = await deltaRound<UserItem>(graph, '/users/delta?$deltatoken=latest');
    await expectExpiredAndUnknown(harness, round.deltaLink, '/users/delta?$deltatoken=bm90LWEtdG9rZW4');
  });
});
