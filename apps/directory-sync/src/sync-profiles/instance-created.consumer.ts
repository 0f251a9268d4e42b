import { Injectable, Logger } from '@nestjs/common';
import { Events, type EventEnvelope, type InstanceCreatedEvent } from '@archive365/contracts';
import { InboxService } from '@archive365/database';
import { EventHandler } from '@archive365/messaging';
import { SyncProfile } from './sync-profile.entity';

const CONSUMER = 'directory-sync.instance-created';

/** Gives every new archive instance its sync profile, exactly once however often the event arrives. */
@Injectable()
export class InstanceCreatedConsumer {
  private readonly logger = new Logger(InstanceCreatedConsumer.name);

  constructor(private readonly inbox: InboxService) {}

  @EventHandler(Events.InstanceCreated, { durable: CONSUMER.replace('.', '_') })
  async onInstanceCreated(event: EventEnvelope<InstanceCreatedEvent>): Promise<void> {
    const applied = await this.inbox.applyOnce(CONSUMER, event.id, async (manager) => {
      await manager.getRepository(SyncProfile).insert({
        instanceId: event.data.id,
        alias: event.data.alias,
        userFilter: 'licensed',
        leaverAction: 'disable-login',
        createdAt: new Date().toISOString(),
      });
    });
    this.logger.log(
      { eventId: event.id, alias: event.data.alias, applied },
      applied ? 'sync profile created' : 'event already applied',
    );
  }
}
