/** Shared by the repositories (this folder owns no table): single-use take and insert, across replicas. */
import { QueryFailedError, type ObjectLiteral, type Repository } from 'typeorm';

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
  if (repository.manager.connection.options.type === 'postgres') {
    const result = await repository
      .createQueryBuilder()
      .delete()
      .where(`${column} = :key`, { key })
      .returning('*')
      .execute();
    const raw = (result.raw as Record<string, unknown>[])[0];
    return raw ? rowFromRaw(repository, raw) : undefined;
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
