import { Events, Subjects, type InstanceCreatedEvent } from '@archive365/contracts';
import { EventPublisher, eventStreamName } from '@archive365/messaging';
import { connectTestRpc, waitFor, type TestRpc } from '@archive365/testing';
import { DataSource } from 'typeorm';
import { TestPlatform } from './support/platform';

/**
 * The credentials service announces new instances on JetStream; directory-sync gives each one a sync
 * profile. Each event must take effect exactly once: across a consumer restart, a duplicate publish,
 * and a replay of an event already applied.
 */
describe('JetStream event consumed exactly once across a consumer restart', () => {
  const platform = TestPlatform.create();
  let caller: TestRpc;

  beforeAll(async () => {
    await platform.start('credentials');
    await platform.start('directory-sync');
    caller = await connectTestRpc(platform.ns.natsUrl, platform.ns.namespace);
  });

  afterAll(async () => {
    await caller?.close();
    await platform.close();
  });

  const directorySyncDb = () => platform.service('directory-sync').app.get(DataSource);
  const profileCount = async () =>
    Number((await directorySyncDb().query('SELECT COUNT(*) AS n FROM sync_profiles'))[0].n);
  const inboxCount = async () =>
    Number((await directorySyncDb().query('SELECT COUNT(*) AS n FROM processed_events'))[0].n);
  const consumerInfo = async () =>
    (await caller.nats.jetstreamManager()).consumers.info(
      eventStreamName(platform.ns),
      'directory-sync_instance-created',
    );
  const createInstance = (alias: string) =>
    caller.rpc.send(Subjects.CreateInstance, {
      alias,
      displayName: alias,
      publicBaseUrl: 'https://archive.example.net',
    });

  it('applies an event published while the consumer is running', async () => {
    await createInstance('alpha');
    await waitFor('the alpha profile', async () => ((await profileCount()) === 1 ? true : undefined));
  });

  it('applies events published while the consumer was down, once each, after it restarts', async () => {
    await platform.stop('directory-sync');
    await createInstance('bravo');
    await createInstance('charlie');
    await platform.start('directory-sync');
    await waitFor('three profiles', async () => ((await profileCount()) === 3 ? true : undefined));
    const aliases = await directorySyncDb().query('SELECT alias FROM sync_profiles ORDER BY alias');
    expect(aliases.map((row: { alias: string }) => row.alias)).toEqual(['alpha', 'bravo', 'charlie']);
    expect(await inboxCount()).toBe(3);
  });

  it('drops a duplicate publish of the same event id (Nats-Msg-Id)', async () => {
    const publisher = platform.service('credentials').app.get(EventPublisher);
    const data: InstanceCreatedEvent = {
      id: '0f6a7a8e-3f55-4cb5-9b0b-4f1c2a9d1e01',
      alias: 'delta',
      displayName: 'Delta',
      publicBaseUrl: 'https://x.example',
    };
    const first = await publisher.publish(Events.InstanceCreated, data, { id: 'dup-test-1' });
    const second = await publisher.publish(Events.InstanceCreated, data, { id: 'dup-test-1' });
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    await waitFor('the delta profile', async () => ((await profileCount()) === 4 ? true : undefined));
  });

  it('ignores a replay of an event already applied (inbox), even past the duplicate window', async () => {
    const nats = caller.nats;
    const js = nats.jetstream();
    const envelope = {
      id: 'dup-test-1',
      type: Events.InstanceCreated.name,
      occurredAt: new Date().toISOString(),
      source: 'credentials',
      data: {
        id: '0f6a7a8e-3f55-4cb5-9b0b-4f1c2a9d1e01',
        alias: 'delta',
        displayName: 'Delta',
        publicBaseUrl: 'https://x.example',
      },
    };
    // A different Nats-Msg-Id gets past JetStream's de-duplication, as a replay after its window would.
    const ack = await js.publish(
      `${platform.ns.namespace}.events.${Events.InstanceCreated.name}`,
      new TextEncoder().encode(JSON.stringify(envelope)),
      {
        msgID: 'replay-of-dup-test-1',
      },
    );
    expect(ack.duplicate).toBe(false);
    // Settled means acknowledged: a replay that failed would be refused and redelivered (after
    // whatever delay), so the consumer's acknowledgement floor would never pass it.
    await waitFor('the replay to be acknowledged', async () =>
      (await consumerInfo()).ack_floor.stream_seq >= ack.seq ? true : undefined,
    );
    await createInstance('echo');
    await waitFor('the echo profile', async () => ((await profileCount()) === 5 ? true : undefined));
    const delta = await directorySyncDb().query(
      "SELECT COUNT(*) AS n FROM sync_profiles WHERE alias = 'delta'",
    );
    expect(Number(delta[0].n)).toBe(1);
    expect(await inboxCount()).toBe(5);
    // The replay was acknowledged as already applied, not failed and retried (which a missing inbox
    // would cause: the second insert breaks the primary key, and JetStream redelivers it).
    const consumer = await consumerInfo();
    expect(consumer.num_redelivered).toBe(0);
    expect(consumer.num_ack_pending).toBe(0);
  });

  it('terminates a malformed event without stopping the consumer', async () => {
    const js = caller.nats.jetstream();
    await js.publish(
      `${platform.ns.namespace}.events.${Events.InstanceCreated.name}`,
      new TextEncoder().encode('{"id":"x","data":{"alias":"NOT VALID"}}'),
    );
    await createInstance('foxtrot');
    await waitFor('the foxtrot profile', async () => ((await profileCount()) === 6 ? true : undefined));
    // Terminated at once: never redelivered, nothing left pending.
    const consumer = await consumerInfo();
    expect(consumer.num_redelivered).toBe(0);
    expect(consumer.num_ack_pending).toBe(0);
  });
});
