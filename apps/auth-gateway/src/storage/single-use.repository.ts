/** Shared by the repositories (this folder owns no table): single-use take and insert, across replicas. */
import { QueryFailedError, type ObjectLiteral, type Repository } from 'typeorm';
import { isPostgres, PreparedStatement } from './prepared-statement';

/**
 * `DELETE ... RETURNING` per table and key column, prepared once. The columns are named: a prepared
 * `RETURNING *` fails once a newer replica's migration adds a column ("cached plan must not change
 * result type").
 */
const takeStatements = new Map<string, PreparedStatement>();

function takeStatement(repository: Repository<ObjectLiteral>, column: string): PreparedStatement {
  const table = repository.metadata.tableName;
  const name = `take-once-${table}-${column}`;
  let statement = takeStatements.get(name);
  if (!statement) {
    const columns = repository.metadata.columns.map((one) => `"${one.databaseName}"`).join(', ');
    statement = new PreparedStatement(
      name,
      `DELETE FROM "${table}" WHERE "${column}" = $1 RETURNING ${columns}`,
    );
    takeStatements.set(name, statement);
  }
  return statement;
}

/**
 * Takes the row with this primary key out of the table and returns it; of two replicas racing for the
 * same row exactly one gets it (PostgreSQL `DELETE ... RETURNING`; SQLite serialises writers, and the
 * affected-row count decides).
 */
export async function takeOnce<Row extends ObjectLiteral>(
  repository: Repository<Row>,
  column: string,
  key: string,
): Promise<Row | undefined> {
  if (isPostgres(repository)) {
    const { rows } = await takeStatement(repository, column).run(repository, [key]);
    return rows[0] ? rowFromRaw(repository, rows[0]) : undefined;
  }
  const row = await repository.createQueryBuilder('row').where(`row.${column} = :key`, { key }).getOne();
  if (!row) return undefined;
  const deleted = await repository.createQueryBuilder().delete().where(`${column} = :key`, { key }).execute();
  return deleted.affected === 1 ? row : undefined;
}

/** Maps raw column names back to the entity's properties (with their transformers). */
export function rowFromRaw<Row extends ObjectLiteral>(
  repository: Repository<Row>,
  raw: Record<string, unknown>,
): Row {
  const entity: Record<string, unknown> = {};
  for (const column of repository.metadata.columns) {
    const value = raw[column.databaseName];
    const transformer = column.transformer;
    entity[column.propertyName] =
      transformer && !Array.isArray(transformer) ? transformer.from(value) : value;
  }
  return repository.create(entity as Row);
}

/** Inserts the row unless its primary key exists; false means it was there already (a replay). */
export async function insertOnce<Row extends ObjectLiteral>(
  repository: Repository<Row>,
  row: Row,
): Promise<boolean> {
  try {
    await repository.insert(row);
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string } | undefined;
  return (
    driverError?.code === '23505' || /UNIQUE constraint failed/.test(driverError?.message ?? error.message)
  );
}
