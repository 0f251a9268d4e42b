import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataSourceOptions, type DatabaseSettings } from '@archive365/database';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../test-database';

export type DatabaseEngine = 'postgres' | 'sqlite';

/**
 * One service's throw-away database on either engine, for tests of its migrations: migrate part of the
 * history, write rows as they were stored then, then migrate (or undo) the rest on the same database.
 */
export class MigrationTestDatabase {
  private database: TestDatabase | undefined;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'migration-test-'));

  constructor(
    readonly engine: DatabaseEngine,
    private readonly serviceName: string,
  ) {}

  /** A data source on this database with the given migrations run, each in its own transaction. */
  async migrated(
    migrations: DatabaseSettings['migrations'],
    entities: DatabaseSettings['entities'] = [],
  ): Promise<DataSource> {
    if (this.engine === 'postgres')
      this.database ??= await createTestDatabase(`${this.serviceName}_migrations`);
    const dataSource = new DataSource(
      dataSourceOptions({
        url: this.database?.url,
        poolSize: 3,
        dataDir: this.dataDir,
        serviceName: this.serviceName,
        entities,
        migrations,
      }),
    );
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    return dataSource;
  }

  async close(): Promise<void> {
    await this.database?.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
