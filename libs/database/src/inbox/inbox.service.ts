import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ProcessedEvent } from './processed-event.entity';

/**
 * Exactly-once effect on top of JetStream's at-least-once delivery: the event's effect and its inbox
 * row commit in one transaction, so a redelivered event (after a crash between commit and ack, or a
 * replay) finds its row and does nothing.
 */
@Injectable()
export class InboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `apply` once per (consumer, eventId); returns false when the event had already been applied. */
  async applyOnce(
    consumer: string,
    eventId: string,
    apply: (manager: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inbox = manager.getRepository(ProcessedEvent);
      if (await inbox.existsBy({ consumer, eventId })) {
        return false;
      }
      await apply(manager);
      // A concurrent replica applying the same event fails here on the primary key and rolls back.
      await inbox.insert({ consumer, eventId, processedAt: new Date().toISOString() });
      return true;
    });
  }
}
