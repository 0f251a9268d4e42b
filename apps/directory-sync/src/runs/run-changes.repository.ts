import { Injectable } from '@nestjs/common';
import type { ArchiveUserChange } from '@archive365/contracts';
import { jsonText, Sql, type Dialect } from '../database/sql.repository';

/** A batch of an applied run's changes: the JSON text of the event's `changes` list. */
export interface ChangeBatch {
  count: number;
  changesJson: string;
}

/**
 * One change of the `archive-users.changed` contract as JSON text over a plan row `p`, in the contract's
 * order: each value is SQL that yields the value's JSON (everything the event says is on the row, no
 * join). Text from the directory goes through the database's JSON quoting; the ids this service made
 * (GUIDs) and the change's name need none; `aliases` is stored as a JSON list already. A user back in
 * scope after their archive was deleted gets a new archive: the plan recorded `"from":"deleted"` for
 * their state. The `?` is the tenant as JSON.
 */
function changeJson(dialect: Dialect): string {
  const quoted = (sql: string) => jsonText(dialect, sql);
  const bare = (sql: string) => `'"' || ${sql} || '"'`;
  const bool = (condition: string) => `CASE WHEN ${condition} THEN 'true' ELSE 'false' END`;
  const fields: [keyof ArchiveUserChange, string][] = [
    [
      'change',
      bare(`CASE p.action WHEN 'create' THEN 'created' WHEN 'relink' THEN 'relinked'
              WHEN 'disable' THEN 'disabled' WHEN 'delete' THEN 'deleted' ELSE 'updated' END`),
    ],
    ['archiveUserId', bare('COALESCE(p.archive_user_id, p.new_user_id)')],
    ['archiveId', bare('p.archive_id')],
    ['tenantId', '?'],
    ['oid', quoted('p.oid')],
    ['userName', quoted('p.user_name')],
    ['displayName', quoted('p.display_name')],
    ['primaryAddress', quoted('p.primary_address')],
    ['aliases', 'p.aliases'],
    ['archiveCreated', bool(`p.action = 'create' OR p.changes LIKE '%"from":"deleted"%'`)],
    ['archiveDeleted', bool(`p.action = 'delete'`)],
  ];
  // A NULL anywhere makes the whole change NULL, which the batch's counts then give away.
  return `'{' || ${fields.map(([name, sql], i) => `'${i ? ',' : ''}"${name}":' || ${sql}`).join(' || ')} || '}'`;
}

/**
 * Reads an applied run's changes in a stable order (by oid), as the events' JSON built by the database:
 * a batch of 500 comes back as one text, not as 500 rows the service would turn into objects, validate
 * and serialize again (a second and a half of CPU for a 100,000-user first sync, after its commit). The
 * rows were validated when the run wrote them; the tests check what this builds against the contract.
 */
@Injectable()
export class RunChangesRepository {
  constructor(private readonly sql: Sql) {}

  /** Up to `batches` batches of `size` changes after `afterOid`, and the last oid they hold. */
  async batchesAfter(
    runId: string,
    tenantId: string,
    afterOid: string,
    size: number,
    batches: number,
  ): Promise<{ lastOid: string; batches: ChangeBatch[] }> {
    const joined = this.sql.dialect === 'postgres' ? 'string_agg' : 'group_concat';
    const rows = await this.sql.query<{
      n: number | string;
      built: number | string;
      last_oid: string;
      changes: string;
    }>(
      `SELECT COUNT(*) AS n, COUNT(change) AS built, MAX(oid) AS last_oid, '[' || ${joined}(change, ',' ORDER BY oid) || ']' AS changes
         FROM (SELECT p.oid, (ROW_NUMBER() OVER (ORDER BY p.oid) - 1) / CAST(? AS INTEGER) AS slot,
                      ${changeJson(this.sql.dialect)} AS change
                 FROM sync_plan_items p
                WHERE p.run_id = ? AND p.oid > ? AND p.action IN ('create', 'update', 'relink', 'disable', 'delete')
                ORDER BY p.oid LIMIT ?) AS changed
        GROUP BY slot ORDER BY slot`,
      [size, JSON.stringify(tenantId), runId, afterOid, size * batches],
    );
    // The list leaves a NULL change out: an event must never go without a change it should carry.
    const short = rows.find((row) => Number(row.built) !== Number(row.n));
    if (short) {
      throw new Error(
        `run ${runId}: ${Number(short.n) - Number(short.built)} change(s) up to oid ${short.last_oid} lack a field their event needs`,
      );
    }
    return {
      lastOid: rows.at(-1)?.last_oid ?? afterOid,
      batches: rows.map((row) => ({ count: Number(row.n), changesJson: row.changes })),
    };
  }
}
