import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EventEnvelope } from '@archive365/contracts';
import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg, type NatsConnection } from 'nats';
import {
  MESSAGING_OPTIONS,
  NATS_CONNECTION,
  eventWireSubject,
  type MessagingOptions,
} from '../messaging.options';
import { discoverHandlers, type DiscoveredHandler } from '../nats/discover-handlers';
import { decodeJson } from '../nats/json-codec';
import { loggableError } from '../loggable-error';
import { validatePayload } from '../validate-payload';
import { EVENT_HANDLER, type EventHandlerMeta } from './event-handler.decorator';
import { ensureEventStream } from './event-stream';

const ACK_WAIT_NS = 30 * 1_000_000_000;
const DEFAULT_MAX_DELIVER = 10;

/**
 * Runs one durable pull consumer per `@EventHandler`. Messages are acknowledged only after the
 * handler returned, so an event survives a crash or restart of the consumer; a failing handler gets
 * the event again with a growing delay; a malformed event is terminated (it can never succeed).
 */
@Injectable()
export class EventConsumerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventConsumerHost.name);
  private readonly running: { messages: ConsumerMessages; loop: Promise<void> }[] = [];

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = discoverHandlers<EventHandlerMeta>(
      this.discovery,
      this.scanner,
      this.reflector,
      EVENT_HANDLER,
    );
    if (handlers.length === 0) return;
    const stream = await ensureEventStream(this.nats, this.options);
    const jsm = await this.nats.jetstreamManager();
    for (const handler of handlers) {
      const { durable, event, maxDeliver } = handler.meta;
      await jsm.consumers.add(stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: eventWireSubject(this.options, event.name),
        ack_wait: ACK_WAIT_NS,
        max_deliver: maxDeliver ?? DEFAULT_MAX_DELIVER,
      });
      const consumer = await this.nats.jetstream().consumers.get(stream, durable);
      const messages = await consumer.consume({ max_messages: 64 });
      const loop = this.run(handler, messages).catch((error: unknown) =>
        this.logger.error({ err: loggableError(error), durable }, `Consumer ${durable} stopped unexpectedly`),
      );
      this.running.push({ messages, loop });
      this.logger.log(`Consuming ${event.name} as durable ${durable}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const { messages } of this.running) {
      messages.stop();
    }
    await Promise.allSettled(this.running.map(({ loop }) => loop));
  }

  private async run(handler: DiscoveredHandler<EventHandlerMeta>, messages: ConsumerMessages): Promise<void> {
    for await (const msg of messages) {
      try {
        await this.deliver(handler, msg);
      } catch (error) {
        // Acknowledging failed (connection draining): the event stays unacknowledged and comes back.
        this.logger.warn(
          { err: loggableError(error), seq: msg.seq },
          'Could not settle an event; JetStream will redeliver it',
        );
      }
    }
  }

  private async deliver(handler: DiscoveredHandler<EventHandlerMeta>, msg: JsMsg): Promise<void> {
    const envelope = decodeJson(msg.data) as Partial<EventEnvelope<object>> | undefined;
    const validated = envelope?.data
      ? await validatePayload(handler.meta.event.dataDto, envelope.data, { unknownFields: 'ignore' })
      : undefined;
    if (!envelope || typeof envelope.id !== 'string' || !validated?.ok) {
      this.logger.error(
        {
          subject: msg.subject,
          seq: msg.seq,
          problem: validated && !validated.ok ? validated.error.message : 'not an event envelope',
        },
        'Dropping a malformed event',
      );
      msg.term();
      return;
    }
    try {
      await handler.invoke({ ...envelope, data: validated.value } as EventEnvelope<object>);
      msg.ack();
    } catch (error) {
      const attempt = msg.info.deliveryCount;
      const maxDeliver = handler.meta.maxDeliver ?? DEFAULT_MAX_DELIVER;
      if (attempt >= maxDeliver) {
        // JetStream will not deliver it again: say so loudly; the event stays in the stream for replay.
        this.logger.error(
          { err: loggableError(error), eventId: envelope.id, seq: msg.seq, attempt },
          `${handler.label} failed on the last of ${maxDeliver} deliveries; the event is given up (still in the stream)`,
        );
        msg.term();
        return;
      }
      this.logger.warn(
        { err: loggableError(error), eventId: envelope.id, attempt },
        `${handler.label} failed; the event will be redelivered`,
      );
      msg.nak(Math.min(30_000, 500 * 2 ** Math.min(attempt, 6)));
    }
  }
}
