import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export type SqlValue = string | number | null;
export type Dialect = 'postgres' | 'sqlite';

/** SQL for the JSON text of a text expression (a quoted, escaped string), on either database. */
export function jsonText(dialect: Dialect, expression: string): string {
  return dialect === 'postgres' ? `to_json(${expression})::text` : `json_quote(${expression})`;
}

/**
 * How many rows `Sql.analyze` samples: 300 times this (PostgreSQL's default is 100). The keys it
 * refreshes are unique or nearly (ids, user names) or have a few values (state, action): row counts,
 * distinct counts and the few common values come out the same from 3,000 rows as from 30,000, and
 * sampling 30,000 took 0.1 s per table of 100,000 rows, against 0.01 s. Autovacuum's own ANALYZE keeps
 * the default and refines them later.
 */
const ANALYZE_STATISTICS_TARGET = 10;

/**
 * Plain SQL for the repositories of this service, the same text on PostgreSQL and SQLite: `?`
 * placeholders (numbered for PostgreSQL here). Set-based statements carry the bulk of a sync; an
 * entity per row would not (a `save()` per user is what the benchmark's naive baseline does).
 */
@Injectable()
export class Sql {
  readonly dialect: Dialect;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  async query<Row = Record<string, unknown>>(
    text: string,
    params: SqlValue[] = [],
    manager?: EntityManager,
  ): Promise<Row[]> {
    const result: unknown = await (manager ?? this.dataSource.manager).query(this.placeholders(text), params);
    return rowsOf<Row>(result);
  }

  /** Runs a write and answers how many rows it touched. */
  async execute(text: string, params: SqlValue[] = [], manager?: EntityManager): Promise<number> {
    const runner = manager?.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(this.placeholders(text), params, true);
      return typeof result.affected === 'number' ? result.affected : 0;
    } finally {
      if (!manager?.queryRunner) await runner.release();
    }
  }

  /**
   * Fresh planner statistics after a bulk load: without them PostgreSQL plans a join of two freshly
   * filled tables as if they were empty (nested loops over 100,000 rows). SQLite needs nothing here.
   * Each target is a table, or a table and the columns to sample: `archive_users (instance_id, oid)`.
   */
  async analyze(...tables: string[]): Promise<void> {
    if (this.dialect !== 'postgres') return;
    // Side by side, each on a connection of its own: a run waits for the slowest table, not the sum.
    await Promise.all(
      tables.map((table) =>
        this.dataSource.transaction(async (manager) => {
          await manager.query(`SET LOCAL default_statistics_target = ${ANALYZE_STATISTICS_TARGET}`);
          await manager.query(`ANALYZE ${table}`);
        }),
      ),
    );
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The text with PostgreSQL's numbered placeholders (`$1`...) for `?`, for a statement sent on a client directly. */
  placeholders(text: string): string {
    if (this.dialect !== 'postgres') return text;
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  }
}

function rowsOf<Row>(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  return [];
}
