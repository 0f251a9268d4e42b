import { Inject, Injectable } from '@nestjs/common';
import type { CheckState } from '@archive365/contracts';
import { DatabaseHealth } from '@archive365/database';
import { NATS_CONNECTION, isNatsHealthy } from '@archive365/messaging';
import type { NatsConnection } from 'nats';

/** The two dependencies every service needs: the message bus and its own database. */
@Injectable()
export class DependencyChecks {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly database: DatabaseHealth,
  ) {}

  async run(): Promise<{ nats: CheckState; database: CheckState }> {
    const [nats, database] = await Promise.all([isNatsHealthy(this.nats), this.database.isHealthy()]);
    return { nats: nats ? 'up' : 'down', database: database ? 'up' : 'down' };
  }
}
