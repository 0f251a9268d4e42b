import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { HttpHardeningConfig } from './http-hardening.config';

/**
 * Per-client request limits on every route (keyed by client IP address, in memory per replica): one
 * client cannot exhaust the services behind the API, and guessing ids or aliases is slowed down.
 */
@Module({})
export class RateLimitModule {
  static forRoot(config: HttpHardeningConfig): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'per-client', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
          errorMessage: `too many requests from this client (limit ${config.RATE_LIMIT_PER_MINUTE} per minute); wait and retry`,
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
    };
  }
}
