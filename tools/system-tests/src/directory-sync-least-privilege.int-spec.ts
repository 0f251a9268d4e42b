import { Subjects } from '@archive365/contracts';
import { DirectorySyncHarness, E3 } from './support/directory-sync-harness';

/**
 * Directory sync with exactly what the automatic setup grants by default, User.Read.All,
 * GroupMember.Read.All and Place.Read.All (the emulator refuses each Graph endpoint without its permission, as Graph does):
 * every call sync makes is covered, the tenant included, with no Directory.Read.All or
 * Organization.Read.All.
 */
describe('directory sync: the least-privileged permissions are enough', () => {
  const harness = new DirectorySyncHarness('leastpriv', {}, [
    'User.Read.All',
    'GroupMember.Read.All',
    'Place.Read.All',
  ]);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await harness.start();
    ids.ada = await harness.addUser({ nickname: 'ada', licenseSkuIds: [E3] });
    ids.carol = await harness.addUser({ nickname: 'carol' });
    const team = await harness.addGroup('Team', [ids.carol]);
    ids.archive = await harness.addGroup('Archive', [ids.ada, team]);
  });

  afterAll(async () => {
    await harness.close();
  });

  it('the token carries only the three permissions', async () => {
    const credentialId = (
      await harness.caller.rpc.send(Subjects.GetSyncConfiguration, { instanceAlias: harness.alias })
    ).credentialId;
    const test = await harness.caller.rpc.send(Subjects.TestCredential, { credentialId: credentialId ?? '' });
    expect(test.roles.sort()).toEqual(['GroupMember.Read.All', 'Place.Read.All', 'User.Read.All']);
  });

  it('licensed filter: a full sync reads the users with their plans, keyed by the tenant and oid', async () => {
    const run = await harness.sync('full');
    expect(run.reason).toBeUndefined();
    expect(run).toMatchObject({ state: 'succeeded', completeRead: true, counts: { create: 1 } });
    expect(await harness.archiveUser('ada')).toMatchObject({ oid: ids.ada, tenantId: harness.tenantId });
  });

  it('a delta run reads the changes', async () => {
    const run = await harness.sync('delta');
    expect(run.reason).toBeUndefined();
    expect(run).toMatchObject({ kind: 'delta', state: 'succeeded' });
  });

  it('groups filter: the groups and their members through groups delta, the users by id', async () => {
    await harness.configure({ userFilter: 'groups', groupIds: [ids.archive] });
    const run = await harness.sync('full');
    expect(run.reason).toBeUndefined();
    expect(run.state).toBe('succeeded');
    const carol = await harness.archiveUser('carol');
    expect(carol).toMatchObject({ oid: ids.carol, state: 'active' });

    const bob = await harness.addUser({ nickname: 'bob' });
    await harness.control('POST', `/tenants/${harness.tenantId}/groups/${ids.archive}/members`, {
      memberId: bob,
    });
    const delta = await harness.sync('delta');
    expect(delta.reason).toBeUndefined();
    expect(delta).toMatchObject({ kind: 'delta', state: 'succeeded', counts: { create: 1 } });
  });
});
