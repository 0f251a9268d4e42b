import { Inject, Injectable } from '@nestjs/common';
import {
  SERVICE_NAMES,
  StatusSubjects,
  type ServiceName,
  type ServiceStatusReply,
} from '@archive365/contracts';
import { RpcCallError, RpcClient } from '@archive365/messaging';
import { ADMIN_API_CONFIG } from '../app/admin-api.tokens';
import type { AdminApiConfig } from '../app/admin-api.config';

export type ServiceHealth =
  ({ status: 'up' } & ServiceStatusReply) | { status: 'down'; service: ServiceName; error: string };

export interface PlatformHealth {
  status: 'ok' | 'degraded';
  services: Record<ServiceName, ServiceHealth>;
}

/** Asks every service over NATS for its status, in parallel, each bounded by STATUS_TIMEOUT_MS. */
@Injectable()
export class HealthAllService {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(ADMIN_API_CONFIG) private readonly config: AdminApiConfig,
  ) {}

  async check(): Promise<PlatformHealth> {
    const results = await Promise.all(SERVICE_NAMES.map((service) => this.checkOne(service)));
    const services = Object.fromEntries(results.map((result) => [result.service, result])) as Record<
      ServiceName,
      ServiceHealth
    >;
    const healthy = results.every(
      (r) => r.status === 'up' && r.checks.nats === 'up' && r.checks.database === 'up',
    );
    return { status: healthy ? 'ok' : 'degraded', services };
  }

  private async checkOne(service: ServiceName): Promise<ServiceHealth> {
    try {
      const reply = await this.rpc.send(
        StatusSubjects[service],
        { caller: 'admin-api' },
        { timeoutMs: this.config.STATUS_TIMEOUT_MS },
      );
      return { status: 'up', ...reply };
    } catch (error) {
      return {
        status: 'down',
        service,
        error: error instanceof RpcCallError ? error.body.message : 'unreachable',
      };
    }
  }
}
