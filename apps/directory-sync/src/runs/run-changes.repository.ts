import { Injectable } from '@nestjs/common';
import type { ArchiveUserChange } from '@archive365/contracts';
import { jsonText, Sql, type Dialect } from '../database/sql.repository';

/** The plan actions an event tells of. */
const CHANGED_ACTIONS = `'create', 'update', 'relink', 'disable', 'delete'`;

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

  /**
   * An applied run's changes as windows of up to `batches` batches of `size`, in oid order. Two windows
   * are built at once, on two connections: where the next one starts (the oid of the last change of
   * the one before it) is found first by a walk of the key, so the database builds a window while it
   * builds the one before and while the caller publishes the one before that. Each window is the same
   * as when read one after the other, so a resumed run numbers its batches as before.
   */
  async *windows(
    runId: string,
    tenantId: string,
    size: number,
    batches: number,
  ): AsyncGenerator<ChangeBatch[]> {
    const building: Promise<ChangeBatch[]>[] = [];
    // Where the next window starts: '' for the first, undefined once a window was not full.
    let nextStart: Promise<string | undefined> = Promise.resolve('');
    // Queued, not awaited: a window waiting to be published never waits on the walk to the next start.
    const buildNext = () => {
      const start = nextStart;
      const window = start.then(async (after) =>
        after === undefined ? [] : (await this.batchesAfter(runId, tenantId, after, size, batches)).batches,
      );
      nextStart = start.then((after) =>
        after === undefined ? undefined : this.lastOidOf(runId, after, size * batches),
      );
      // A failure is seen when the window's turn comes.
      window.catch(() => undefined);
      nextStart.catch(() => undefined);
      building.push(window);
    };
    buildNext();
    buildNext();
    for (let window = building.shift(); window; window = building.shift()) {
      const ready = await window;
      if (ready.length === 0) return;
      buildNext();
      yield ready;
    }
  }

  /** The oid of the `count`-th change after `afterOid` (undefined: there are fewer). */
  private async lastOidOf(runId: string, afterOid: string, count: number): Promise<string | undefined> {
    const [row] = await this.sql.query<{ oid: string }>(
      `SELECT p.oid FROM sync_plan_items p
        WHERE p.run_id = ? AND p.oid > ? AND p.action IN (${CHANGED_ACTIONS})
        ORDER BY p.oid LIMIT 1 OFFSET ?`,
      [runId, afterOid, count - 1],
    );
    return row?.oid;
  }

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
                WHERE p.run_id = ? AND p.oid > ? AND p.action IN (${CHANGED_ACTIONS})
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
