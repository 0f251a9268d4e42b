import { lastVersions, type StagedUser } from './staged-user';

/**
 * A page of staged users as the database takes it: one JSON text of plan-shaped rows, much smaller than
 * the users it comes from, so a page waiting for its turn holds little memory.
 */
export function pageJson(users: StagedUser[]): string {
  return JSON.stringify(
    lastVersions(users).map((user) => ({
      oid: user.oid,
      user_name: user.userName,
      display_name: user.displayName,
      primary_address: user.primaryAddress,
      aliases: JSON.stringify(user.aliases),
      included: user.included ? 1 : 0,
      reasons: JSON.stringify(user.reasons),
      attrs_hash: user.attrsHash,
      new_user_id: user.newUserId,
      new_archive_id: user.newArchiveId,
      source: user.source,
    })),
  );
}

/** The columns of a page's rows, in the order `pageJson` writes them. */
export const PAGE_COLUMNS = [
  'oid',
  'user_name',
  'display_name',
  'primary_address',
  'aliases',
  'included',
  'reasons',
  'attrs_hash',
  'new_user_id',
  'new_archive_id',
  'source',
] as const;

/** The rows of a page made by `pageJson` on PostgreSQL, its one parameter: `SELECT ... FROM ${PAGE_ROWS}`. */
export const PAGE_ROWS = `json_to_recordset(?::json) AS x(${PAGE_COLUMNS.map(
  (column) => `${column} ${column === 'included' ? 'int' : 'text'}`,
).join(', ')})`;

/**
 * Writing a page's rows into the plan again (a user a delta or the read returned twice): the later
 * version replaces the whole row.
 */
export const PLAN_ROW_UPSERT = `ON CONFLICT (run_id, oid) DO UPDATE SET ${[
  'action',
  'archive_id',
  ...PAGE_COLUMNS.slice(1),
]
  .map((column) => `${column} = excluded.${column}`)
  .join(', ')}`;
