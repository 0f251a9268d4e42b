import type { DataSource } from 'typeorm';

/** Any fixed number: the advisory lock every replica of every service takes around its migrations. */
const MIGRATION_LOCK = 0x617263; // "arc"

/**
 * Runs pending migrations, one replica at a time: replicas starting together on PostgreSQL wait on an
 * advisory lock (the second finds nothing left to do) instead of racing to create the same tables.
 * Each service has its own database, so the lock never makes two services wait for each other.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    // Embedded SQLite: one process owns the file.
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const session = dataSource.createQueryRunner();
  await session.connect();
  try {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await session.release();
  }
}
