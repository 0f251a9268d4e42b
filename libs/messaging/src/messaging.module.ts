import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { connect, type NatsConnection } from 'nats';
import { EventConsumerHost } from './jetstream/event-consumer-host';
import { EventPublisher } from './jetstream/event-publisher';
import { MESSAGING_OPTIONS, NATS_CONNECTION, type MessagingOptions } from './messaging.options';
import { natsConnectionOptions } from './nats/connection-options';
import { RpcClient } from './rpc/rpc-client';
import { RpcServer } from './rpc/rpc-server';

/**
 * One NATS connection per process, shared by the request handlers, the typed client, the event
 * publisher and the event consumers. Global: import it once, in the app module.
 */
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly nats: NatsConnection) {}

  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: NATS_CONNECTION,
          useFactory: () => connect(natsConnectionOptions(options)),
        },
        RpcServer,
        RpcClient,
        EventPublisher,
        EventConsumerHost,
      ],
      exports: [NATS_CONNECTION, MESSAGING_OPTIONS, RpcClient, EventPublisher],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // Runs after the handlers and consumers stopped (Nest shuts modules down in reverse order).
    if (!this.nats.isClosed()) {
      await this.nats.drain();
    }
  }
}
