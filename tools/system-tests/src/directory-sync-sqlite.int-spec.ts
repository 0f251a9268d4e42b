import { Subjects } from '@archive365/contracts';
import { waitFor } from '@archive365/testing';
import { DirectorySyncHarness, E3 } from './support/directory-sync-harness';

/**
 * The same SQL on the embedded default: directory-sync on SQLite (no DATABASE_URL), through a first
 * scheduled sync, a rename, a leaver, a re-created user and a delta run.
 */
describe('directory sync on embedded SQLite, started by its schedule', () => {
  // An empty DATABASE_URL counts as unset: the service opens its SQLite file in DATA_DIR.
  const harness = new DirectorySyncHarness('embedded', { DATABASE_URL: '' });
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await harness.start();
    for (const nickname of ['ada', 'bob', 'carol', 'dan']) {
      ids[nickname] = await harness.addUser({ nickname, licenseSkuIds: [E3] });
    }
    ids.guest = await harness.addUser({
      nickname: 'guest_x.com#EXT#',
      userType: 'Guest',
      mail: 'guest@x.com',
    });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('runs the first sync by itself once a schedule is set', async () => {
    await harness.configure({
      schedule: { enabled: true, intervalMinutes: 60 },
      leaverThreshold: { maxCount: 500, maxPercent: 50 },
    });
    const run = await waitFor(
      'the scheduled run',
      async () => {
        const [latest] = await harness.caller.rpc.send(Subjects.ListSyncRuns, {
          instanceAlias: harness.alias,
        });
        return latest && latest.state === 'succeeded' ? latest : undefined;
      },
      30_000,
    );
    expect(run).toMatchObject({ trigger: 'schedule', kind: 'full', counts: { create: 4, excluded: 1 } });
    expect((await harness.archiveUsers()).map((user) => user.oid).sort()).toEqual(
      [ids.ada, ids.bob, ids.carol, ids.dan].sort(),
    );
    // Due again only in an hour: no second run meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(
      await harness.caller.rpc.send(Subjects.ListSyncRuns, { instanceAlias: harness.alias }),
    ).toHaveLength(1);
    await harness.configure({ schedule: { enabled: false, intervalMinutes: 60 } });
  });

  it('renames, leavers and re-created users the same way as on PostgreSQL', async () => {
    const ada = await harness.archiveUser('ada');
    const upn = harness.upn('ada.l');
    await harness.control('PATCH', `/tenants/${harness.tenantId}/users/${ids.ada}`, {
      userPrincipalName: upn,
      mail: upn,
      proxyAddresses: [`SMTP:${upn}`],
    });
    await harness.control('DELETE', `/tenants/${harness.tenantId}/users/${ids.bob}`);
    await harness.control('DELETE', `/tenants/${harness.tenantId}/users/${ids.carol}`);
    await harness.control('DELETE', `/tenants/${harness.tenantId}/deletedUsers/${ids.carol}`);
    const reborn = await harness.addUser({ nickname: 'carol', licenseSkuIds: [E3] });
    const run = await harness.sync('full');
    expect(run).toMatchObject({ state: 'succeeded', counts: { update: 1, disable: 2, recreated: 1 } });
    expect(await harness.archiveUser('ada.l')).toMatchObject({
      id: ada?.id,
      archiveId: ada?.archiveId,
      formerAddresses: [harness.upn('ada')],
    });
    // What changed, as the planning statement describes it: the fields that differ, in order.
    const [renamed] = (await harness.planItems(run.id, 'update')).items;
    expect(renamed?.changes).toEqual([
      { field: 'userName', from: ada?.userName, to: upn },
      { field: 'primaryAddress', from: ada?.primaryAddress, to: upn },
      { field: 'aliases', from: ada?.aliases.join(', '), to: upn },
    ]);
    const [recreated] = (await harness.planItems(run.id, 'recreated')).items;
    expect(recreated).toMatchObject({ oid: reborn, sign: '?' });
    expect((await harness.archiveUsers('disabled')).map((user) => user.oid).sort()).toEqual(
      [ids.bob, ids.carol].sort(),
    );
  });

  it('runs a delta with the changes only', async () => {
    await harness.control('PATCH', `/tenants/${harness.tenantId}/users/${ids.dan}`, {
      displayName: 'Dan D.',
    });
    const run = await harness.sync('delta');
    expect(run).toMatchObject({ kind: 'delta', state: 'succeeded', counts: { update: 1 } });
    expect((await harness.archiveUser('dan'))?.displayName).toBe('Dan D.');
    expect((await harness.planItems(run.id, 'update')).items.map((item) => item.changes)).toEqual([
      [{ field: 'displayName', from: 'dan', to: 'Dan D.' }],
    ]);
  });

  it('follows the groups filter through groups delta the same way', async () => {
    const group = await harness.addGroup('Archive', [ids.ada, ids.dan]);
    await harness.configure({
      userFilter: 'groups',
      groupIds: [group],
      leaverThreshold: { maxCount: 500, maxPercent: 100 },
    });
    const full = await harness.sync('delta');
    expect(full).toMatchObject({ kind: 'full', state: 'succeeded' });
    expect(full.reason).toMatch(/no delta link yet/);

    const eve = await harness.addUser({ nickname: 'eve', licenseSkuIds: [E3] });
    await harness.control('POST', `/tenants/${harness.tenantId}/groups/${group}/members`, { memberId: eve });
    await harness.control('DELETE', `/tenants/${harness.tenantId}/groups/${group}/members/${ids.dan}`);
    const run = await harness.sync('delta');
    expect(run).toMatchObject({
      kind: 'delta',
      state: 'succeeded',
      usersRead: 2,
      counts: { create: 1, disable: 1 },
    });
    expect((await harness.archiveUser('eve'))?.state).toBe('active');
    expect((await harness.archiveUser('dan'))?.state).toBe('disabled');
  });
});
