import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventEnvelope, EventSubject } from '@archive365/contracts';
import { headers as natsHeaders, type NatsConnection } from 'nats';
import {
  MESSAGING_OPTIONS,
  NATS_CONNECTION,
  eventWireSubject,
  type MessagingOptions,
} from '../messaging.options';
import { encodeJson } from '../nats/json-codec';
import { validatePayload } from '../validate-payload';
import { ensureEventStream } from './event-stream';

export interface PublishOptions {
  /** Reuse the id of an event being retried, so JetStream drops the duplicate. */
  id?: string;
  occurredAt?: Date;
}

export interface PublishResult<Data extends object> {
  envelope: EventEnvelope<Data>;
  /** True when JetStream already had an event with this id (inside its duplicate window). */
  duplicate: boolean;
}

/** Publishes durable events, validated against their DTO and de-duplicated by `Nats-Msg-Id`. */
@Injectable()
export class EventPublisher implements OnApplicationBootstrap {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureEventStream(this.nats, this.options);
  }

  async publish<Data extends object>(
    event: EventSubject<Data>,
    data: Data,
    options: PublishOptions = {},
  ): Promise<PublishResult<Data>> {
    const validated = await validatePayload(event.dataDto, data);
    if (!validated.ok) {
      throw new Error(`Refusing to publish an invalid ${event.name} event: ${validated.error.message}`);
    }
    const envelope: EventEnvelope<Data> = {
      id: options.id ?? randomUUID(),
      type: event.name,
      occurredAt: (options.occurredAt ?? new Date()).toISOString(),
      source: this.options.serviceName,
      data,
    };
    const h = natsHeaders();
    h.set('Content-Type', 'application/json');
    const ack = await this.nats
      .jetstream()
      .publish(eventWireSubject(this.options, event.name), encodeJson(envelope), {
        msgID: envelope.id,
        headers: h,
      });
    return { envelope, duplicate: ack.duplicate };
  }
}
