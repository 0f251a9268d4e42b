import type { ServiceBaseConfig } from '@archive365/config';
import { Events, Subjects } from '@archive365/contracts';
import { eventStreamName, eventWireSubject } from '@archive365/messaging';
import { connectTestRpc } from '@archive365/testing';
import { AckPolicy, DeliverPolicy } from 'nats';
import { Client } from 'pg';
import { DirectorySyncHarness, E3 } from './support/directory-sync-harness';

/**
 * What happens in a directory between two runs: joiners, renames, license changes, leavers, a user
 * deleted and re-created, through full runs and `/users/delta`; and each change's event once.
 */
describe('directory sync: changes between runs, full and delta', () => {
  const harness = new DirectorySyncHarness('changes');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await harness.start();
    for (const nickname of ['ada', 'bob', 'carol', 'dan', 'erin', 'fay', 'gus', 'hal', 'ivy', 'jo']) {
      ids[nickname] = await harness.addUser({ nickname, licenseSkuIds: [E3] });
    }
    await harness.configure({ leaverThreshold: { maxCount: 500, maxPercent: 30 } });
    const first = await harness.sync('full');
    expect(first).toMatchObject({ state: 'succeeded', counts: { create: 10 } });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('keeps the archive user and archive of a renamed user, and the old address as a former one', async () => {
    const before = await harness.archiveUser('ada');
    const upn = harness.upn('ada.lovelace');
    await harness.control('PATCH', `/tenants/${harness.tenantId}/users/${ids.ada}`, {
      userPrincipalName: upn,
      displayName: 'Ada Lovelace',
      mail: upn,
      proxyAddresses: [`SMTP:${upn}`, `smtp:${harness.upn('ada')}`],
    });
    const preview = await harness.sync('preview');
    const update = (await harness.planItems(preview.id, 'update')).items;
    expect(update).toEqual([
      expect.objectContaining({
        sign: '~',
        oid: ids.ada,
        changes: [
          { field: 'userName', from: harness.upn('ada'), to: upn },
          { field: 'displayName', from: 'ada', to: 'Ada Lovelace' },
          { field: 'primaryAddress', from: before?.primaryAddress, to: upn },
          {
            field: 'aliases',
            from: before?.aliases.join(', '),
            to: [upn, harness.upn('ada')].sort().join(', '),
          },
        ],
      }),
    ]);
    const run = await harness.sync('full');
    expect(run.counts).toMatchObject({ update: 1, create: 0, disable: 0 });
    const after = await harness.archiveUser('ada.lovelace');
    expect(after).toMatchObject({
      id: before?.id,
      archiveId: before?.archiveId,
      userName: upn,
      primaryAddress: upn,
    });
    expect(after?.aliases).toEqual([upn, harness.upn('ada')].sort());

    // Drop the old alias too: the address stays as a former one, still mapped to its owner.
    await harness.control('PATCH', `/tenants/${harness.tenantId}/users/${ids.ada}`, {
      proxyAddresses: [`SMTP:${upn}`],
    });
    await harness.sync('full');
    expect((await harness.archiveUser('ada.lovelace'))?.formerAddresses).toEqual([harness.upn('ada')]);
    await expect(
      harness.caller.rpc.send(Subjects.FindArchiveUserByAddress, {
        instanceAlias: harness.alias,
        address: harness.upn('ada'),
      }),
    ).resolves.toMatchObject({ id: before?.id });
  });

  it('keeps the former address of each user renamed in the same run as their own', async () => {
    for (const nickname of ['ivy', 'jo']) {
      const upn = harness.upn(`${nickname}.renamed`);
      await harness.control('PATCH', `/tenants/${harness.tenantId}/users/${ids[nickname]}`, {
        userPrincipalName: upn,
        mail: upn,
        proxyAddresses: [`SMTP:${upn}`],
      });
    }
    const run = await harness.sync('full');
    expect(run.counts).toMatchObject({ update: 2, create: 0, disable: 0 });
    for (const nickname of ['ivy', 'jo']) {
      expect(await harness.archiveUser(`${nickname}.renamed`)).toMatchObject({
        oid: ids[nickname],
        formerAddresses: [harness.upn(nickname)],
      });
    }
  });

  it('disables the login of a leaver (soft-deleted) and of a user who lost the license; the archives stay', async () => {
    await harness.control('DELETE', `/tenants/${harness.tenantId}/users/${ids.bob}`);
    await harness.control('POST', `/tenants/${harness.tenantId}/users/${ids.carol}/licenses`, {
      removeSkuIds: [E3],
    });
    const run = await harness.sync('full');
    expect(run).toMatchObject({ state: 'succeeded', counts: { disable: 2, create: 0 } });
    const disabled = await harness.archiveUsers('disabled');
    expect(disabled.map((user) => user.oid).sort()).toEqual([ids.bob, ids.carol].sort());
    expect(disabled.every((user) => user.archiveId)).toBe(true);
    await expect(
      harness.caller.rpc.send(Subjects.CheckSignIn, {
        instanceAlias: harness.alias,
        tenantId: harness.tenantId,
        oid: ids.bob,
      }),
    ).resolves.toEqual({ allowed: false, reason: 'disabled' });

    // The license comes back: the same archive user is enabled again.
    await harness.control('POST', `/tenants/${harness.tenantId}/users/${ids.carol}/licenses`, {
      addSkuIds: [E3],
    });
    const back = await harness.sync('full');
    expect(back.counts).toMatchObject({ update: 1 });
    expect((await harness.archiveUser('carol'))?.state).toBe('active');
  });

  it('shows a user deleted and re-created (same UPN, new oid) and lets the administrator link it', async () => {
    const old = await harness.archiveUser('dan');
    await harness.control('DELETE', `/tenants/${harness.tenantId}/users/${ids.dan}`);
    await harness.control('DELETE', `/tenants/${harness.tenantId}/deletedUsers/${ids.dan}`);
    const reborn = await harness.addUser({ nickname: 'dan', licenseSkuIds: [E3] });
    const run = await harness.sync('full');
    expect(run.counts).toMatchObject({ recreated: 1, create: 0 });
    const [item] = (await harness.planItems(run.id, 'recreated')).items;
    expect(item).toMatchObject({
      sign: '?',
      oid: reborn,
      changes: [{ field: 'oid', from: ids.dan, to: reborn }],
    });
    // Never guessed: the new oid cannot sign in until the administrator decides.
    await expect(
      harness.caller.rpc.send(Subjects.CheckSignIn, {
        instanceAlias: harness.alias,
        tenantId: harness.tenantId,
        oid: reborn,
      }),
    ).resolves.toEqual({ allowed: false, reason: 'not-synchronized' });

    await harness.caller.rpc.send(Subjects.ResolveRecreatedUser, {
      instanceAlias: harness.alias,
      oid: reborn,
      decision: 'link',
    });
    const linked = await harness.sync('full');
    expect(linked.counts).toMatchObject({ update: 1, recreated: 0, create: 0 });
    expect(await harness.archiveUser('dan')).toMatchObject({
      id: old?.id,
      archiveId: old?.archiveId,
      oid: reborn,
      state: 'active',
    });
  });

  it('keeps a re-created user apart when the administrator says so: a new archive user and archive', async () => {
    const old = await harness.archiveUser('erin');
    await harness.control('DELETE', `/tenants/${harness.tenantId}/users/${ids.erin}`);
    await harness.control('DELETE', `/tenants/${harness.tenantId}/deletedUsers/${ids.erin}`);
    const reborn = await harness.addUser({ nickname: 'erin', licenseSkuIds: [E3] });
    await harness.caller.rpc.send(Subjects.ResolveRecreatedUser, {
      instanceAlias: harness.alias,
      oid: reborn,
      decision: 'keep-apart',
    });
    const run = await harness.sync('full');
    expect(run.counts).toMatchObject({ create: 1, disable: 1 });
    const erins = (await harness.archiveUsers()).filter((user) => user.userName === harness.upn('erin'));
    expect(erins.map((user) => [user.oid, user.state]).sort()).toEqual(
      [
        [ids.erin, 'disabled'],
        [reborn, 'active'],
      ].sort(),
    );
    expect(erins.find((user) => user.oid === reborn)?.archiveId).not.toBe(old?.archiveId);
  });

  it('runs incrementally from the delta link: only the changes are read', async () => {
    ids.kim = await harness.addUser({ nickname: 'kim', licenseSkuIds: [E3] });
    await harness.control('PATCH', `/tenants/${harness.tenantId}/users/${ids.fay}`, {
      displayName: 'Fay Wray',
    });
    await harness.control('DELETE', `/tenants/${harness.tenantId}/users/${ids.gus}`);
    const run = await harness.sync('delta');
    expect(run).toMatchObject({ kind: 'delta', state: 'succeeded', usersRead: 3 });
    expect(run.counts).toMatchObject({ create: 1, update: 1, disable: 1 });
    expect((await harness.archiveUser('fay'))?.displayName).toBe('Fay Wray');
    expect((await harness.archiveUser('gus'))?.state).toBe('disabled');
    expect((await harness.archiveUser('kim'))?.state).toBe('active');
    // Nothing changed since: the next delta reads nothing and writes nothing.
    const quiet = await harness.sync('delta');
    expect(quiet).toMatchObject({
      kind: 'delta',
      usersRead: 0,
      counts: { create: 0, update: 0, disable: 0 },
    });
  });

  it('falls back to a full run by itself when the delta link has expired (7 days)', async () => {
    await harness.control('POST', '/clock/advance', { days: 8 });
    // The emulator ages the cached app token with its clock: a restarted credentials service gets a new one.
    await harness.platform.stop('credentials');
    await harness.platform.start('credentials');
    const run = await harness.sync('delta');
    expect(run).toMatchObject({ kind: 'full', state: 'succeeded', completeRead: true });
    expect(run.reason).toMatch(/delta link expired or was refused/);
    const next = await harness.sync('delta');
    expect(next).toMatchObject({ kind: 'delta', state: 'succeeded' });
  });

  it('published each change once: one archive-users event per batch, no duplicates, every change there', async () => {
    const events = await harness.changeEvents('test-reader');
    const ids = events.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    const changes = events.flatMap((event) =>
      event.data.changes.map((change) => `${change.change}:${change.userName}`),
    );
    expect(changes).toEqual(
      expect.arrayContaining([
        `created:${harness.upn('kim')}`,
        `disabled:${harness.upn('gus')}`,
        `relinked:${harness.upn('dan')}`,
      ]),
    );
    expect(changes.filter((change) => change === `created:${harness.upn('kim')}`)).toHaveLength(1);
    expect(changes.filter((change) => change.startsWith('created:')).length).toBe(12);
  });

  it('resumes the events of a run interrupted after its commit, without publishing any twice', async () => {
    await harness.addUser({ nickname: 'lee', licenseSkuIds: [E3] });
    const run = await harness.sync('full');
    expect(run).toMatchObject({ state: 'succeeded', counts: { create: 1 } });
    const before = await harness.changeEvents('before-resume');
    // What a crash right after the commit leaves: the run is still publishing, no batch recorded as sent.
    const url = (harness.platform.service('directory-sync').config as ServiceBaseConfig)
      .DATABASE_URL as string;
    const db = new Client({ connectionString: url });
    await db.connect();
    const [last] = (
      await db.query(
        `SELECT id FROM sync_runs WHERE kind <> 'preview' AND applied = 1 ORDER BY started_at DESC LIMIT 1`,
      )
    ).rows as { id: string }[];
    await db.query(
      `UPDATE sync_runs SET state = 'publishing', event_batches_published = 0, finished_at = NULL WHERE id = $1`,
      [last.id],
    );
    await db.end();
    // The scheduler's recovery picks it up (no replica holds its lease) and publishes again.
    const resumed = await harness.settled(last.id);
    expect(resumed).toMatchObject({ state: 'succeeded', applied: true });
    const after = await harness.changeEvents('after-resume');
    expect(after.map((event) => event.id)).toEqual(before.map((event) => event.id));
    const lee = after
      .flatMap((event) => event.data.changes)
      .filter((change) => change.userName === harness.upn('lee'));
    expect(lee).toHaveLength(1);
  });

  it('delivers each event once to a consumer that restarts half-way', async () => {
    const all = await harness.changeEvents('census');
    const jsm = await harness.caller.nats.jetstreamManager();
    const stream = eventStreamName(harness.platform.ns);
    await jsm.consumers.add(stream, {
      durable_name: 'restarting-reader',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: eventWireSubject(harness.platform.ns, Events.ArchiveUsersChanged.name),
    });
    const seen: string[] = [];
    const first = await connectTestRpc(harness.platform.ns.natsUrl, harness.platform.ns.namespace);
    const consumer = await first.nats.jetstream().consumers.get(stream, 'restarting-reader');
    for (let i = 0; i < Math.ceil(all.length / 2); i++) {
      const msg = await consumer.next({ expires: 2000 });
      if (!msg) break;
      seen.push(msg.json<{ id: string }>().id);
      msg.ack();
    }
    await first.nats.drain();
    const second = await connectTestRpc(harness.platform.ns.natsUrl, harness.platform.ns.namespace);
    const again = await second.nats.jetstream().consumers.get(stream, 'restarting-reader');
    for (;;) {
      const msg = await again.next({ expires: 1000 });
      if (!msg) break;
      seen.push(msg.json<{ id: string }>().id);
      msg.ack();
    }
    await second.close();
    expect(seen).toEqual(all.map((event) => event.id));
    expect(new Set(seen).size).toBe(seen.length);
  });
});
