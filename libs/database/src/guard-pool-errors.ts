import type { DataSource } from 'typeorm';
import type { Pool, PoolClient } from 'pg';

/**
 * pg-pool hands a new connection to TypeORM before TypeORM listens for its errors (a promise later).
 * When the server ends that connection in the same instant (a restart, `pg_terminate_backend`), the
 * FATAL message arrives in the same read as "ready", the client emits `error` to no listener, and Node
 * ends the whole process. A listener on every new client keeps the process alive; the failure still
 * reaches the query that meets it, and pg-pool and TypeORM still drop the broken connection.
 */
export function guardPoolErrors(dataSource: DataSource): void {
  if (dataSource.options.type !== 'postgres') return;
  // The pool is not part of TypeORM's typed surface; on PostgreSQL it is the driver's `master`.
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  pool.on('connect', (client: PoolClient) => {
    client.on('error', () => undefined);
  });
}
