import {
  Global,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BusMetrics } from './bus-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { JetStreamLag } from './jetstream-lag';
import { MetricsController } from './metrics.controller';
import { METRICS_REGISTRY, createServiceRegistry } from './metrics-registry';
import { ServiceMetrics } from './service-metrics';
import { TokenMetrics } from './token-metrics';

/**
 * `/metrics` for every service: process and Node.js metrics, HTTP and NATS traffic, JetStream consumer
 * lag. Global, so any feature module can inject `ServiceMetrics` (its own metrics) or `TokenMetrics`.
 */
@Global()
@Module({})
export class MetricsModule implements NestModule {
  static forRoot(serviceName: string): DynamicModule {
    return {
      module: MetricsModule,
      imports: [DiscoveryModule],
      controllers: [MetricsController],
      providers: [
        { provide: METRICS_REGISTRY, useFactory: () => createServiceRegistry(serviceName) },
        ServiceMetrics,
        TokenMetrics,
        BusMetrics,
        JetStreamLag,
      ],
      exports: [METRICS_REGISTRY, ServiceMetrics, TokenMetrics],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
