import { Injectable, Logger } from '@nestjs/common';
import { Events, type EventEnvelope, type InstanceCreatedEvent } from '@archive365/contracts';
import { InboxService } from '@archive365/database';
import { EventHandler } from '@archive365/messaging';
import { SyncProfilesRepository } from './sync-profiles.repository';

const CONSUMER = 'directory-sync.instance-created';

/** Gives every new archive instance its sync profile, exactly once however often the event arrives. */
@Injectable()
export class InstanceCreatedConsumer {
  private readonly logger = new Logger(InstanceCreatedConsumer.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly profiles: SyncProfilesRepository,
  ) {}

  @EventHandler(Events.InstanceCreated, { durable: CONSUMER.replace('.', '_') })
  async onInstanceCreated(event: EventEnvelope<InstanceCreatedEvent>): Promise<void> {
    const applied = await this.inbox.applyOnce(CONSUMER, event.id, (manager) =>
      this.profiles.createWithDefaults(manager, event.data.id, event.data.alias),
    );
    this.logger.log(
      { eventId: event.id, alias: event.data.alias, applied },
      applied ? 'sync profile created' : 'event already applied',
    );
  }
}
