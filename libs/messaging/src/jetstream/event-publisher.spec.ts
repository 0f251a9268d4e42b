import 'reflect-metadata';
import { ArchiveUsersChangedEvent, Events, type ArchiveUserChange } from '@archive365/contracts';
import type { NatsConnection } from 'nats';
import { EventPublisher } from './event-publisher';

const RUN = '44444444-4444-4444-8444-444444444444';
const CHANGE: ArchiveUserChange = {
  change: 'created',
  archiveUserId: '00000001-0001-4000-8000-000000000000',
  archiveId: '00000001-0003-4000-8000-000000000000',
  tenantId: '3c1f9a2e-0000-4000-8000-00000000f1a5',
  oid: '00000001-0000-4000-8000-000000000000',
  userName: 'zoe@contoso.example',
  displayName: 'Zoë "Q"',
  primaryAddress: 'zoe@contoso.example',
  aliases: ['zoe@contoso.example'],
  archiveCreated: true,
  archiveDeleted: false,
};

/** A publisher over a JetStream stub that keeps what was sent (the bus is the boundary here). */
function publisherWithSent() {
  const sent: { subject: string; body: Uint8Array; msgID: string }[] = [];
  const nats = {
    jetstream: () => ({
      publish: async (subject: string, body: Uint8Array, options: { msgID: string }) => {
        sent.push({ subject, body, msgID: options.msgID });
        return { duplicate: false };
      },
    }),
  } as unknown as NatsConnection;
  const publisher = new EventPublisher(nats, { servers: [], namespace: 'ns', serviceName: 'directory-sync' });
  return { publisher, sent };
}

describe('EventPublisher.publishWithSerializedList', () => {
  const occurredAt = new Date('2026-12-04T10:00:00Z');

  it('sends the same event as publish, with the list taken as it is', async () => {
    const { publisher, sent } = publisherWithSent();
    const data = { runId: RUN, instanceAlias: 'contoso', batch: 3 };
    await publisher.publish(
      Events.ArchiveUsersChanged,
      Object.assign(new ArchiveUsersChangedEvent(), { ...data, changes: [CHANGE] }),
      { id: 'one', occurredAt },
    );
    await publisher.publishWithSerializedList(
      Events.ArchiveUsersChanged,
      data,
      'changes',
      JSON.stringify([CHANGE]),
      { id: 'one', occurredAt },
    );
    const [viaObjects, viaText] = sent.map((message) =>
      JSON.parse(Buffer.from(message.body).toString('utf8')),
    );
    expect(viaText).toEqual(viaObjects);
    expect(viaText.data.changes[0].displayName).toBe('Zoë "Q"');
    expect(sent.map((message) => [message.subject, message.msgID])).toEqual([
      ['ns.events.directory-sync.archive-users.changed', 'one'],
      ['ns.events.directory-sync.archive-users.changed', 'one'],
    ]);
  });

  it('refuses data that breaks the contract and sends nothing', async () => {
    const { publisher, sent } = publisherWithSent();
    await expect(
      publisher.publishWithSerializedList(
        Events.ArchiveUsersChanged,
        { runId: 'not-a-guid', instanceAlias: 'contoso', batch: 0 },
        'changes',
        '[]',
      ),
    ).rejects.toThrow(/invalid .*archive-users\.changed event: runId/);
    expect(sent).toEqual([]);
  });
});
