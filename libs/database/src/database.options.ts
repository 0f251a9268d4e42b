import { join } from 'node:path';
import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface DatabaseSettings {
  /** postgres:// URL; when absent, an embedded SQLite file in `dataDir`. */
  url?: string;
  /** Most connections of the PostgreSQL pool (default 10). */
  poolSize?: number;
  dataDir: string;
  /** File name (without extension) of the embedded database: one per service, no service reads another's. */
  serviceName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * TypeORM options for a service: PostgreSQL in production, embedded SQLite (better-sqlite3) as the
 * default. The schema only ever changes through the service's own migrations, run at start-up.
 */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = {
    entities: settings.entities,
    migrations: settings.migrations,
    // Run by runMigrationsExclusively when the data source starts (one replica at a time).
    migrationsRun: false,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
  } as const;
  if (settings.url) {
    return {
      ...common,
      type: 'postgres',
      url: settings.url,
      extra: { max: settings.poolSize ?? 10, connectionTimeoutMillis: 5000 },
    };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: join(settings.dataDir, `${settings.serviceName}.sqlite`),
    // WAL lets health checks read while a write is in progress; foreign keys are off by default in SQLite.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
    },
  };
}
