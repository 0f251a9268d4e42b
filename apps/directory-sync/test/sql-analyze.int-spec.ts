import { MigrationTestDatabase } from '@archive365/testing';
import type { DataSource } from 'typeorm';
import { Sql } from '../src/database/sql.repository';
import { directorySyncMigrations } from '../src/migrations';

const ROWS = 20_000;

/**
 * The statistics a run refreshes after a bulk write: the row count the planner needs, from a small
 * sample, and PostgreSQL's default sample size left as it was for everything else on the pool.
 */
describe('Sql.analyze (postgres)', () => {
  const database = new MigrationTestDatabase('postgres', 'directory_sync_analyze');
  let dataSource: DataSource;
  let sql: Sql;

  beforeAll(async () => {
    dataSource = await database.migrated(directorySyncMigrations);
    sql = new Sql(dataSource);
    await dataSource.query(
      `CREATE TABLE analyzed (k varchar(36) COLLATE "C", v text);
       INSERT INTO analyzed SELECT md5(i::text), repeat('x', 200) FROM generate_series(1, ${ROWS}) i`,
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.close();
  });

  it('gives the planner the row count and a short histogram of the columns asked for', async () => {
    await sql.analyze('analyzed (k)');
    const [table] = (await dataSource.query(`SELECT reltuples FROM pg_class WHERE relname = 'analyzed'`)) as {
      reltuples: number;
    }[];
    expect(Number(table?.reltuples)).toBeGreaterThan(ROWS * 0.9);
    expect(Number(table?.reltuples)).toBeLessThan(ROWS * 1.1);
    const stats = (await dataSource.query(
      `SELECT attname, n_distinct, array_length(histogram_bounds::text::text[], 1) AS bounds
         FROM pg_stats WHERE tablename = 'analyzed'`,
    )) as { attname: string; n_distinct: number; bounds: number }[];
    // Only the column asked for; every value distinct; 11 bounds at a target of 10 (101 at the default).
    expect(stats).toEqual([{ attname: 'k', n_distinct: -1, bounds: 11 }]);
  });

  it('leaves the default sample size on every pooled connection', async () => {
    await sql.analyze('analyzed (k)', 'analyzed (v)');
    const settings = await Promise.all(
      Array.from({ length: 4 }, () =>
        dataSource.transaction(
          async (manager) =>
            (
              (await manager.query(`SHOW default_statistics_target`)) as {
                default_statistics_target: string;
              }[]
            )[0],
        ),
      ),
    );
    expect(settings).toEqual(Array.from({ length: 4 }, () => ({ default_statistics_target: '100' })));
  });
});
