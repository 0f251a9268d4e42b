import { Subjects } from '@archive365/contracts';
import { DirectorySyncHarness, E3 } from './support/directory-sync-harness';

/** Users in the directory besides the groups' members: a delta run that read them all would show it. */
const BYSTANDERS = 12;

/**
 * The groups filter between runs, through `/users/delta` and `/groups/delta`: joiners and leavers of
 * the chosen groups and of the groups nested in them, with the group path as the reason, a cycle, a
 * new nested group, an attribute change, and an expired group delta link; against the Entra
 * emulator's Graph with real NATS and PostgreSQL.
 */
describe('directory sync: the groups filter, incrementally', () => {
  const harness = new DirectorySyncHarness('groupdelta');
  const ids: Record<string, string> = {};
  const groupsPath = () => `/tenants/${harness.tenantId}/groups`;
  const addMember = (group: string, member: string) =>
    harness.control('POST', `${groupsPath()}/${group}/members`, { memberId: member });
  const removeMember = (group: string, member: string) =>
    harness.control('DELETE', `${groupsPath()}/${group}/members/${member}`);
  const reasonOf = async (runId: string, nickname: string) =>
    (await harness.planItems(runId)).items.find((item) => item.userName === harness.upn(nickname))?.reasons;

  beforeAll(async () => {
    await harness.start();
    for (const nickname of ['ada', 'bob', 'carol', 'dan', 'erin', 'frank', 'gus', 'hal']) {
      ids[nickname] = await harness.addUser({ nickname, licenseSkuIds: [E3] });
    }
    for (let index = 0; index < BYSTANDERS; index++) {
      await harness.addUser({ nickname: `bystander${index}`, licenseSkuIds: [E3] });
    }
    // Archive ⊃ Team ⊃ Loop ⊃ Team (a cycle); Archive holds ada, Team carol, Loop frank.
    ids.team = await harness.addGroup('Team', [ids.carol]);
    ids.loop = await harness.addGroup('Loop', [ids.frank, ids.team]);
    await addMember(ids.team, ids.loop);
    ids.archive = await harness.addGroup('Archive', [ids.ada, ids.team]);
    await harness.configure({
      userFilter: 'groups',
      groupIds: [ids.archive],
      leaverThreshold: { maxCount: 500, maxPercent: 100 },
    });
    const first = await harness.sync('full');
    expect(first).toMatchObject({ kind: 'full', state: 'succeeded', counts: { create: 3 } });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('a user added to a chosen group is created, with every attribute, by a delta run that reads only them', async () => {
    await addMember(ids.archive, ids.bob);
    const run = await harness.sync('delta');
    expect(run).toMatchObject({ kind: 'delta', state: 'succeeded', usersRead: 1 });
    expect(run.counts).toMatchObject({ create: 1, update: 0, disable: 0 });
    expect(await reasonOf(run.id, 'bob')).toEqual(['member of group "Archive"']);
    expect(await harness.archiveUser('bob')).toMatchObject({
      oid: ids.bob,
      state: 'active',
      displayName: 'bob',
      primaryAddress: harness.upn('bob'),
      aliases: [harness.upn('bob')],
    });
  });

  it('a user added to a nested group is created with the nested path as the reason', async () => {
    await addMember(ids.loop, ids.dan);
    const run = await harness.sync('delta');
    expect(run).toMatchObject({ kind: 'delta', state: 'succeeded', usersRead: 1, counts: { create: 1 } });
    expect(await reasonOf(run.id, 'dan')).toEqual([
      'member of group "Archive" through nested group "Team" > "Loop"',
    ]);
  });

  it('a cycle back to the chosen group still ends, and changes nobody', async () => {
    await addMember(ids.loop, ids.archive);
    const run = await harness.sync('delta');
    expect(run).toMatchObject({ kind: 'delta', state: 'succeeded', usersRead: 0 });
    expect(run.counts).toMatchObject({ create: 0, update: 0, disable: 0 });
  });

  it('an attribute change of a user in scope is an update', async () => {
    await harness.control('PATCH', `/tenants/${harness.tenantId}/users/${ids.ada}`, {
      displayName: 'Ada Lovelace',
    });
    const run = await harness.sync('delta');
    expect(run).toMatchObject({ kind: 'delta', state: 'succeeded', usersRead: 1 });
    expect(run.counts).toMatchObject({ create: 0, update: 1, disable: 0 });
    expect((await harness.archiveUser('ada'))?.displayName).toBe('Ada Lovelace');
  });

  it('a user removed from the group leaves: their login is disabled (the default), the archive stays', async () => {
    await removeMember(ids.archive, ids.bob);
    const run = await harness.sync('delta');
    expect(run).toMatchObject({ kind: 'delta', state: 'succeeded', usersRead: 1 });
    expect(run.counts).toMatchObject({ create: 0, update: 0, disable: 1 });
    expect(await reasonOf(run.id, 'bob')).toEqual(['not a member of the chosen groups']);
    expect(await harness.archiveUser('bob')).toMatchObject({
      state: 'disabled',
      archiveId: expect.any(String),
    });
  });

  it('a nested group taken out of the chosen group takes its members out, except those still members another way', async () => {
    await addMember(ids.archive, ids.erin);
    await addMember(ids.loop, ids.erin);
    const joined = await harness.sync('delta');
    expect(joined).toMatchObject({ kind: 'delta', counts: { create: 1 } });
    expect(await reasonOf(joined.id, 'erin')).toEqual(['member of group "Archive"']);

    await removeMember(ids.archive, ids.team);
    const run = await harness.sync('delta');
    expect(run).toMatchObject({ kind: 'delta', state: 'succeeded', usersRead: 3 });
    expect(run.counts).toMatchObject({ create: 0, update: 0, disable: 3 });
    const disabled = (await harness.archiveUsers('disabled')).map((user) => user.oid).sort();
    expect(disabled).toEqual([ids.bob, ids.carol, ids.dan, ids.frank].sort());
    expect((await harness.archiveUser('erin'))?.state).toBe('active');
  });

  it('a group newly nested under a chosen group is followed from then on', async () => {
    ids.side = await harness.addGroup('Side', [ids.gus]);
    await addMember(ids.archive, ids.side);
    const run = await harness.sync('delta');
    expect(run).toMatchObject({ kind: 'delta', state: 'succeeded', usersRead: 1, counts: { create: 1 } });
    expect(await reasonOf(run.id, 'gus')).toEqual(['member of group "Archive" through nested group "Side"']);

    // Its own membership changes now arrive through its delta link.
    await addMember(ids.side, ids.hal);
    const next = await harness.sync('delta');
    expect(next).toMatchObject({ kind: 'delta', state: 'succeeded', usersRead: 1, counts: { create: 1 } });
    expect((await harness.archiveUser('hal'))?.state).toBe('active');
  });

  it('falls back to a full read by itself when the group delta link has expired, and says so', async () => {
    await harness.control('POST', '/clock/advance', { days: 8 });
    // The emulator ages the cached app token with its clock: a restarted credentials service gets a new one.
    await harness.platform.stop('credentials');
    await harness.platform.start('credentials');
    await addMember(ids.archive, ids.carol);
    const run = await harness.sync('delta');
    expect(run).toMatchObject({ kind: 'full', state: 'succeeded', completeRead: true });
    expect(run.usersRead).toBe(8 + BYSTANDERS);
    expect(run.reason).toMatch(/group delta link expired or was refused: a full read was done instead/);
    expect(run.counts).toMatchObject({ update: 1, disable: 0 });
    expect((await harness.archiveUser('carol'))?.state).toBe('active');

    const next = await harness.sync('delta');
    expect(next).toMatchObject({ kind: 'delta', state: 'succeeded', usersRead: 0 });
  });

  it('a held delta changes nothing: rejected, its group changes come again; approved, they are applied once', async () => {
    await harness.configure({ leaverThreshold: { maxCount: 0, maxPercent: 100 } });
    await removeMember(ids.archive, ids.erin);
    const held = await harness.sync('delta');
    expect(held).toMatchObject({ kind: 'delta', state: 'held', counts: { disable: 1 } });
    await harness.caller.rpc.send(Subjects.DecideSyncRun, { runId: held.id, decision: 'reject' });
    expect((await harness.archiveUser('erin'))?.state).toBe('active');

    const again = await harness.sync('delta');
    expect(again).toMatchObject({ kind: 'delta', state: 'held', counts: { disable: 1 } });
    await harness.caller.rpc.send(Subjects.DecideSyncRun, { runId: again.id, decision: 'approve' });
    expect(await harness.settled(again.id)).toMatchObject({ state: 'succeeded', counts: { disable: 1 } });
    expect((await harness.archiveUser('erin'))?.state).toBe('disabled');

    const quiet = await harness.sync('delta');
    expect(quiet).toMatchObject({ kind: 'delta', state: 'succeeded', usersRead: 0 });
    expect(quiet.counts).toMatchObject({ create: 0, update: 0, disable: 0 });
  });
});
