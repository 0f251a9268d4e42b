import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CheckState } from '@archive365/contracts';
import { isDatabaseHealthy } from '@archive365/database';
import { NATS_CONNECTION, isNatsHealthy } from '@archive365/messaging';
import type { NatsConnection } from 'nats';
import type { DataSource } from 'typeorm';

/** The two dependencies every service needs: the message bus and its own database. */
@Injectable()
export class DependencyChecks {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async run(): Promise<{ nats: CheckState; database: CheckState }> {
    const [nats, database] = await Promise.all([
      isNatsHealthy(this.nats),
      isDatabaseHealthy(this.dataSource),
    ]);
    return { nats: nats ? 'up' : 'down', database: database ? 'up' : 'down' };
  }
}
