/** Shared by the repositories (this folder owns no table): the sign-in path's statements, prepared. */
import type { ObjectLiteral, Repository } from 'typeorm';

export interface StatementResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
}

/** The part of node-postgres' pool used here (TypeORM types its pool as `any`). */
interface PostgresPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<StatementResult>;
}

/**
 * One of the statements every sign-in runs, sent straight to the pool TypeORM holds as a named prepared
 * statement: parsed and planned once per connection, and without TypeORM's query runner, whose
 * acquire/release, logging and result handling cost more CPU than the round trip itself. PostgreSQL
 * only; callers keep their TypeORM path for SQLite.
 */
export class PreparedStatement {
  constructor(
    private readonly name: string,
    private readonly text: string,
  ) {}

  run(repository: Repository<ObjectLiteral>, values: unknown[]): Promise<StatementResult> {
    const pool = (repository.manager.connection.driver as unknown as { master: PostgresPool }).master;
    return pool.query({ name: this.name, text: this.text, values });
  }
}

export const isPostgres = (repository: Repository<ObjectLiteral>): boolean =>
  repository.manager.connection.options.type === 'postgres';
