import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** True when the database answers a trivial query within the timeout. */
export async function isDatabaseHealthy(dataSource: DataSource, timeoutMs = 1000): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  try {
    await Promise.race([
      dataSource.query('SELECT 1'),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('database ping timed out')), timeoutMs).unref(),
      ),
    ]);
    return true;
  } catch {
    return false;
  }
}

/** The service's own database, as the health probes see it (they need no data source of their own). */
@Injectable()
export class DatabaseHealth {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  isHealthy(): Promise<boolean> {
    return isDatabaseHealthy(this.dataSource);
  }
}
