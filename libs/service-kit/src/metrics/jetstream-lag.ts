import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import {
  EVENT_HANDLER,
  MESSAGING_OPTIONS,
  NATS_CONNECTION,
  eventStreamName,
  type EventHandlerMeta,
  type MessagingOptions,
} from '@archive365/messaging';
import type { JetStreamManager, NatsConnection } from 'nats';
import { ServiceMetrics } from './service-metrics';

/**
 * How far this service's durable event consumers are behind, read from JetStream at each scrape:
 * events not yet delivered (`pending`) and delivered but not yet acknowledged (`ack_pending`).
 * Replicas share a durable, so every replica reports the same numbers: aggregate with `max`.
 */
@Injectable()
export class JetStreamLag implements OnModuleInit {
  private jsm?: Promise<JetStreamManager>;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly metrics: ServiceMetrics,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const durables = this.durables();
    if (durables.length === 0) return;
    const stream = eventStreamName(this.options);
    const labels = ['stream', 'durable'] as const;
    const redelivered = this.metrics.gauge(
      'jetstream_consumer_redelivered',
      'Events of this consumer delivered more than once and not yet acknowledged',
      labels,
    );
    const ackPending = this.metrics.gauge(
      'jetstream_consumer_ack_pending',
      'Events delivered to this consumer and not yet acknowledged',
      labels,
    );
    this.metrics.gauge(
      'jetstream_consumer_pending',
      'Events in the stream this consumer has not received yet (its lag)',
      labels,
      async (pending) => {
        // One scrape reads all three, so they describe the same moment.
        pending.reset();
        ackPending.reset();
        redelivered.reset();
        for (const durable of durables) {
          const info = await this.consumerInfo(stream, durable);
          if (!info) continue;
          pending.set({ stream, durable }, info.num_pending);
          ackPending.set({ stream, durable }, info.num_ack_pending);
          redelivered.set({ stream, durable }, info.num_redelivered);
        }
      },
    );
  }

  private async consumerInfo(stream: string, durable: string) {
    try {
      this.jsm ??= this.nats.jetstreamManager();
      return await (await this.jsm).consumers.info(stream, durable);
    } catch {
      // Not created yet, or NATS is down: no value rather than a stale one (readiness reports NATS).
      this.jsm = undefined;
      return undefined;
    }
  }

  private durables(): string[] {
    const names = new Set<string>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const handler = (instance as Record<string, unknown>)[method];
        if (typeof handler !== 'function') continue;
        const meta = this.reflector.get<EventHandlerMeta | undefined>(
          EVENT_HANDLER,
          handler as (...args: unknown[]) => unknown,
        );
        if (meta) names.add(meta.durable);
      }
    }
    return [...names];
  }
}
