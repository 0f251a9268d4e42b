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
    await this.validated(event, data);
    const envelope = this.envelope(event, data, options);
    const duplicate = await this.send(event, envelope.id, encodeJson(envelope));
    return { envelope, duplicate };
  }

  /**
   * Publishes an event whose last field is a list serialized already: `data` (without that field) is
   * validated as `publish` does, then `json` goes in as the field's value. For a list the database builds
   * as JSON from rows this service validated when it wrote them (a sync's 500 changes per event):
   * turning those rows into objects, validating them and serializing them again cost a sync more CPU
   * than anything else once its changes were committed. The caller answers for the text's shape; a
   * test of the caller pins it against the event's contract, and consumers validate what they receive.
   */
  async publishWithSerializedList<Data extends object, Field extends keyof Data & string>(
    event: EventSubject<Data>,
    data: Omit<Data, Field>,
    field: Field,
    json: string,
    options: PublishOptions = {},
  ): Promise<{ id: string; duplicate: boolean }> {
    // The DTO's rules for the list run on an empty one: the rest of `data` is checked field by field.
    await this.validated(event, Object.assign(new event.dataDto(), data, { [field]: [] }));
    const envelope = this.envelope(event, data, options);
    const text = JSON.stringify(envelope);
    // An envelope's text ends with its data's closing brace, then its own: the list goes in before them.
    const separator = Object.keys(data).length > 0 ? ',' : '';
    const head = `${text.slice(0, -2)}${separator}${JSON.stringify(field)}:`;
    // Encoded piece by piece: joined first, the half-megabyte text would be copied once more, into the
    // old space, for every event.
    const body = Buffer.allocUnsafe(Buffer.byteLength(head) + Buffer.byteLength(json) + 2);
    const listAt = body.write(head);
    body.write('}}', listAt + body.write(json, listAt));
    const duplicate = await this.send(event, envelope.id, body);
    return { id: envelope.id, duplicate };
  }

  private async validated<Data extends object>(event: EventSubject<Data>, data: Data): Promise<void> {
    const validated = await validatePayload(event.dataDto, data);
    if (!validated.ok) {
      throw new Error(`Refusing to publish an invalid ${event.name} event: ${validated.error.message}`);
    }
  }

  /** `data` last: `publishWithSerializedList` appends to it. */
  private envelope<Data extends object, Sent extends object>(
    event: EventSubject<Data>,
    data: Sent,
    options: PublishOptions,
  ): EventEnvelope<Sent> {
    return {
      id: options.id ?? randomUUID(),
      type: event.name,
      occurredAt: (options.occurredAt ?? new Date()).toISOString(),
      source: this.options.serviceName,
      data,
    };
  }

  private async send(event: EventSubject<object>, id: string, body: Uint8Array): Promise<boolean> {
    const h = natsHeaders();
    h.set('Content-Type', 'application/json');
    const ack = await this.nats
      .jetstream()
      .publish(eventWireSubject(this.options, event.name), body, { msgID: id, headers: h });
    return ack.duplicate;
  }
}
