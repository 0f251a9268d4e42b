import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  MESSAGING_OPTIONS,
  NATS_CONNECTION,
  observeBusTraffic,
  type MessagingOptions,
} from '@archive365/messaging';
import type { NatsConnection } from 'nats';
import { ServiceMetrics } from './service-metrics';

/**
 * Request rates, latencies and errors per NATS subject, on both sides: what this service answered
 * and what it asked of others (events it published count as `events.<name>`).
 */
@Injectable()
export class BusMetrics implements OnModuleInit {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly metrics: ServiceMetrics,
  ) {}

  // Module init runs before any application bootstrap hook, so before the handlers subscribe.
  onModuleInit(): void {
    const served = this.metrics.counter(
      'nats_requests_served_total',
      'Requests this service answered, by subject and outcome (ok or the error code)',
      ['subject', 'outcome'],
    );
    const servedLatency = this.metrics.histogram(
      'nats_request_serve_duration_seconds',
      'Time from receiving a request to sending its reply, by subject',
      ['subject'],
    );
    const sent = this.metrics.counter(
      'nats_requests_sent_total',
      'Requests and events this service sent, by subject and outcome (ok, an error code, TIMEOUT, NO_RESPONDERS, BUS_UNAVAILABLE)',
      ['subject', 'outcome'],
    );
    const sentLatency = this.metrics.histogram(
      'nats_request_duration_seconds',
      'Round trip of a request this service sent, by subject',
      ['subject'],
    );
    observeBusTraffic(this.nats, this.options, {
      served: (subject, seconds, outcome) => {
        served.inc({ subject, outcome });
        servedLatency.observe({ subject }, seconds);
      },
      sent: (subject, seconds, outcome) => {
        sent.inc({ subject, outcome });
        sentLatency.observe({ subject }, seconds);
      },
    });
  }
}
