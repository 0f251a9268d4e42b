import { Subjects } from '@archive365/contracts';
import { DirectorySyncHarness, E3, EXCHANGE_PLAN_1, POWER_BI } from './support/directory-sync-harness';

/**
 * Each user filter and option, previewed ("Test settings") with the reasons, then applied: against the
 * Entra emulator's Graph, with real NATS and PostgreSQL.
 */
describe('directory sync: filters, options, preview and first sync', () => {
  const harness = new DirectorySyncHarness('filters');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await harness.start();
    ids.ada = await harness.addUser({ nickname: 'ada', licenseSkuIds: [E3] });
    ids.bob = await harness.addUser({ nickname: 'bob', licenseSkuIds: [EXCHANGE_PLAN_1] });
    ids.carol = await harness.addUser({ nickname: 'carol', mail: null, proxyAddresses: [] });
    ids.dave = await harness.addUser({ nickname: 'dave', licenseSkuIds: [E3], accountEnabled: false });
    ids.frank = await harness.addUser({
      nickname: 'frank',
      licenseSkuIds: [POWER_BI],
      mail: null,
      proxyAddresses: [],
    });
    ids.eve = await harness.addUser({
      nickname: 'eve_fabrikam.com#EXT#',
      userType: 'Guest',
      mail: 'eve@fabrikam.com',
    });
    ids.sales = await harness.addUser({
      nickname: 'sales',
      displayName: 'Sales',
      givenName: null,
      surname: null,
      accountEnabled: false,
    });
    // Groups: Archive ⊃ Team ⊃ Loop ⊃ Team (a cycle), Team holds carol, Loop holds frank.
    const team = await harness.addGroup('Team', [ids.carol]);
    const loop = await harness.addGroup('Loop', [ids.frank, team]);
    await harness.control('POST', `/tenants/${harness.tenantId}/groups/${team}/members`, { memberId: loop });
    ids.archiveGroup = await harness.addGroup('Archive', [ids.ada, team]);
  });

  afterAll(async () => {
    await harness.close();
  });

  it('previews the licensed filter (the default) without changing anything, with a + and the reasons', async () => {
    const run = await harness.sync('preview');
    expect(run).toMatchObject({
      state: 'planned',
      kind: 'preview',
      completeRead: true,
      applied: false,
      usersRead: 7,
    });
    expect(run.counts).toMatchObject({ create: 2, excluded: 5, update: 0, disable: 0 });
    const creates = await harness.planItems(run.id, 'create');
    expect(creates.items.map((item) => [item.sign, item.userName])).toEqual([
      ['+', harness.upn('ada')],
      ['+', harness.upn('bob')],
    ]);
    expect(creates.items[0].reasons).toEqual(['licensed: an Exchange Online plan is enabled']);
    const excluded = await harness.planItems(run.id, 'excluded');
    const why = Object.fromEntries(
      excluded.items.map((item) => [item.userName.split('@')[0], item.reasons.join('; ')]),
    );
    expect(why).toMatchObject({
      carol: 'no enabled Exchange Online plan',
      frank: 'no enabled Exchange Online plan',
      dave: expect.stringContaining('account disabled: disabled accounts are excluded'),
      sales: expect.stringContaining('shared mailbox'),
      'eve_fabrikam.com#ext#': 'guest account: guests are excluded (option off)',
    });
    expect(await harness.archiveUsers()).toEqual([]);

    // Paged and filterable: a search by the start of the name.
    const page = await harness.caller.rpc.send(Subjects.ListPlanItems, {
      runId: run.id,
      search: 'b',
      limit: 1,
    });
    expect(page).toMatchObject({
      total: 1,
      offset: 0,
      items: [{ userName: harness.upn('bob'), action: 'create' }],
    });
  });

  it('synchronizes the licensed users: one archive user and archive each, keyed by oid, with addresses', async () => {
    const run = await harness.sync('full');
    expect(run).toMatchObject({ state: 'succeeded', applied: true, counts: { create: 2 } });
    const ada = await harness.archiveUser('ada');
    expect(ada).toMatchObject({
      oid: ids.ada,
      tenantId: harness.tenantId,
      userName: harness.upn('ada'),
      primaryAddress: harness.upn('ada'),
      aliases: [harness.upn('ada')],
      state: 'active',
      archiveId: expect.any(String),
      privileges: ['search-own', 'export-own'],
    });
    await expect(
      harness.caller.rpc.send(Subjects.CheckSignIn, {
        instanceAlias: harness.alias,
        tenantId: harness.tenantId,
        oid: ids.ada,
      }),
    ).resolves.toMatchObject({ allowed: true, user: { userName: harness.upn('ada') } });
    // Nothing changed in the directory: a repeat writes nothing.
    const repeat = await harness.sync('full');
    expect(repeat.counts).toMatchObject({ create: 0, update: 0, disable: 0, unchanged: 2 });
  });

  it('adds guests, shared mailboxes and disabled accounts when their option is on', async () => {
    await harness.configure({ includeGuests: true, includeSharedMailboxes: true, includeDisabled: true });
    const run = await harness.sync('preview');
    const creates = (await harness.planItems(run.id, 'create')).items.map(
      (item) => item.userName.split('@')[0],
    );
    expect(creates.sort()).toEqual(['dave', 'eve_fabrikam.com#ext#', 'sales']);
    const sales = (await harness.planItems(run.id, 'create')).items.find((item) =>
      item.userName.startsWith('sales'),
    );
    expect(sales?.reasons).toEqual([
      expect.stringMatching(/shared mailbox .*included \(shared mailboxes option on\)/),
    ]);
  });

  it('tells a room from a shared mailbox through /places: each has its own option', async () => {
    const room = await harness.addUser({
      nickname: 'boardroom',
      displayName: 'Boardroom',
      givenName: null,
      surname: null,
      accountEnabled: false,
    });
    await harness.control('PUT', `/tenants/${harness.tenantId}/users/${room}/room`);
    const reasonsOf = async (runId: string, nickname: string) =>
      (await harness.planItems(runId)).items.find((item) => item.userName.startsWith(nickname));
    try {
      await harness.configure({ includeSharedMailboxes: true, includeRooms: false });
      const without = await harness.sync('preview');
      expect(await reasonsOf(without.id, 'boardroom')).toMatchObject({
        action: 'excluded',
        reasons: ['room mailbox: rooms are excluded (option off)'],
      });
      expect(await reasonsOf(without.id, 'sales')).toMatchObject({ action: 'create' });

      await harness.configure({ includeSharedMailboxes: false, includeRooms: true });
      const withRooms = await harness.sync('preview');
      expect(await reasonsOf(withRooms.id, 'boardroom')).toMatchObject({
        action: 'create',
        reasons: ['room mailbox: included (rooms option on)'],
      });
      expect(await reasonsOf(withRooms.id, 'sales')).toMatchObject({ action: 'excluded' });
    } finally {
      await harness.configure({ includeRooms: false });
      await harness.control('DELETE', `/tenants/${harness.tenantId}/users/${room}`);
    }
  });

  it('enabled filter: every enabled account, licensed or not', async () => {
    await harness.configure({
      userFilter: 'enabled',
      includeGuests: false,
      includeSharedMailboxes: false,
      includeDisabled: false,
    });
    const run = await harness.sync('preview');
    const inScope = (await harness.planItems(run.id)).items
      .filter((item) => item.action !== 'excluded')
      .map((item) => item.userName.split('@')[0])
      .sort();
    expect(inScope).toEqual(['ada', 'bob', 'carol', 'frank']);
  });

  it('groups filter: nested groups expanded, a cycle survives, and the path is the reason', async () => {
    await harness.configure({ userFilter: 'groups', groupIds: [ids.archiveGroup] });
    const run = await harness.sync('preview');
    expect(run.state).toBe('planned');
    const items = (await harness.planItems(run.id)).items;
    const reasons = Object.fromEntries(
      items.map((item) => [item.userName.split('@')[0], item.reasons.join('; ')]),
    );
    expect(reasons.ada).toBe('member of group "Archive"');
    expect(reasons.carol).toBe('member of group "Archive" through nested group "Team"');
    expect(reasons.frank).toBe('member of group "Archive" through nested group "Team" > "Loop"');
    expect(reasons.bob).toBe('not a member of the chosen groups');
    // bob is an archive user and is no longer in scope: a leaver (disable-login by default).
    expect(items.find((item) => item.userName.startsWith('bob'))).toMatchObject({
      action: 'disable',
      sign: '-',
    });
  });

  it('refuses the groups filter without groups, naming the field', async () => {
    const refused = await harness
      .configure({ userFilter: 'groups', groupIds: [] })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ body: { code: 'VALIDATION_FAILED', field: 'groupIds' } });
  });
});
