import { Injectable } from '@nestjs/common';
import type { PlanCounts, SyncRunKind, SyncRunState, SyncRunView } from '@archive365/contracts';
import type { EntityManager } from 'typeorm';
import { Sql, type SqlValue } from '../database/sql.repository';

export type RunTrigger = SyncRunView['trigger'];

export interface SyncRunRecord {
  id: string;
  instanceId: string;
  kind: SyncRunKind;
  trigger: RunTrigger;
  state: SyncRunState;
  requestedBy: string | null;
  decidedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  usersRead: number;
  completeRead: boolean;
  applied: boolean;
  counts: PlanCounts;
  reason: string | null;
  nextDeltaLink: string | null;
  eventBatchesPublished: number;
}

interface RunRow {
  id: string;
  instance_id: string;
  kind: SyncRunKind;
  trigger: RunTrigger;
  state: SyncRunState;
  requested_by: string | null;
  decided_by: string | null;
  started_at: string;
  finished_at: string | null;
  users_read: number | string;
  complete_read: number | string;
  applied: number | string;
  counts: string;
  reason: string | null;
  next_delta_link: string | null;
  event_batches_published: number | string;
}

export const EMPTY_COUNTS: PlanCounts = {
  create: 0,
  update: 0,
  disable: 0,
  delete: 0,
  unchanged: 0,
  excluded: 0,
  recreated: 0,
};

/** States in which a run is still doing something (and holds its instance's lease). */
export const ACTIVE_STATES: readonly SyncRunState[] = ['reading', 'applying', 'publishing'];

/** Owns `sync_runs`: every run is recorded, with who, when, counts, duration and what went wrong. */
@Injectable()
export class SyncRunsRepository {
  constructor(private readonly sql: Sql) {}

  async insert(
    run: Pick<SyncRunRecord, 'id' | 'instanceId' | 'kind' | 'trigger' | 'requestedBy'>,
  ): Promise<SyncRunRecord> {
    const startedAt = new Date().toISOString();
    await this.sql.execute(
      `INSERT INTO sync_runs (id, instance_id, kind, trigger, state, requested_by, started_at, counts)
       VALUES (?, ?, ?, ?, 'reading', ?, ?, ?)`,
      [
        run.id,
        run.instanceId,
        run.kind,
        run.trigger,
        run.requestedBy,
        startedAt,
        JSON.stringify(EMPTY_COUNTS),
      ],
    );
    return {
      ...run,
      state: 'reading',
      decidedBy: null,
      startedAt,
      finishedAt: null,
      usersRead: 0,
      completeRead: false,
      applied: false,
      counts: EMPTY_COUNTS,
      reason: null,
      nextDeltaLink: null,
      eventBatchesPublished: 0,
    };
  }

  async byId(id: string): Promise<SyncRunRecord | null> {
    const rows = await this.sql.query<RunRow>(`SELECT * FROM sync_runs WHERE id = ?`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async latest(instanceId: string, limit: number): Promise<SyncRunRecord[]> {
    const rows = await this.sql.query<RunRow>(
      `SELECT * FROM sync_runs WHERE instance_id = ? ORDER BY started_at DESC, id LIMIT ?`,
      [instanceId, limit],
    );
    return rows.map(toRecord);
  }

  async lastFinished(instanceId: string): Promise<SyncRunRecord | null> {
    const rows = await this.sql.query<RunRow>(
      `SELECT * FROM sync_runs WHERE instance_id = ? AND kind <> 'preview' ORDER BY started_at DESC LIMIT 1`,
      [instanceId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Runs left in an active state (their replica stopped or crashed), for recovery. */
  async unfinished(): Promise<SyncRunRecord[]> {
    const rows = await this.sql.query<RunRow>(
      `SELECT * FROM sync_runs WHERE state IN (${ACTIVE_STATES.map(() => '?').join(',')})`,
      [...ACTIVE_STATES],
    );
    return rows.map(toRecord);
  }

  async recordRead(id: string, usersRead: number): Promise<void> {
    await this.sql.execute(`UPDATE sync_runs SET users_read = ? WHERE id = ?`, [usersRead, id]);
  }

  async update(
    id: string,
    change: Partial<
      Pick<
        SyncRunRecord,
        | 'state'
        | 'kind'
        | 'completeRead'
        | 'applied'
        | 'counts'
        | 'reason'
        | 'nextDeltaLink'
        | 'decidedBy'
        | 'usersRead'
        | 'eventBatchesPublished'
      >
    > & {
      finished?: boolean;
    },
    manager?: EntityManager,
  ): Promise<void> {
    const sets: string[] = [];
    const params: SqlValue[] = [];
    const set = (column: string, value: SqlValue) => {
      sets.push(`${column} = ?`);
      params.push(value);
    };
    if (change.state !== undefined) set('state', change.state);
    if (change.kind !== undefined) set('kind', change.kind);
    if (change.completeRead !== undefined) set('complete_read', change.completeRead ? 1 : 0);
    if (change.applied !== undefined) set('applied', change.applied ? 1 : 0);
    if (change.counts !== undefined) set('counts', JSON.stringify(change.counts));
    if (change.reason !== undefined) set('reason', change.reason);
    if (change.nextDeltaLink !== undefined) set('next_delta_link', change.nextDeltaLink);
    if (change.decidedBy !== undefined) set('decided_by', change.decidedBy);
    if (change.usersRead !== undefined) set('users_read', change.usersRead);
    if (change.eventBatchesPublished !== undefined)
      set('event_batches_published', change.eventBatchesPublished);
    if (change.finished) set('finished_at', new Date().toISOString());
    if (sets.length === 0) return;
    await this.sql.execute(`UPDATE sync_runs SET ${sets.join(', ')} WHERE id = ?`, [...params, id], manager);
  }

  /** Moves a run from one state to another only if it is still in the first (decisions race). */
  async transition(
    id: string,
    from: SyncRunState,
    to: SyncRunState,
    decidedBy?: string | null,
  ): Promise<boolean> {
    const touched = await this.sql.execute(
      `UPDATE sync_runs SET state = ?, decided_by = COALESCE(?, decided_by) WHERE id = ? AND state = ?`,
      [to, decidedBy ?? null, id, from],
    );
    return touched > 0;
  }
}

function toRecord(row: RunRow): SyncRunRecord {
  return {
    id: row.id,
    instanceId: row.instance_id,
    kind: row.kind,
    trigger: row.trigger,
    state: row.state,
    requestedBy: row.requested_by,
    decidedBy: row.decided_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    usersRead: Number(row.users_read),
    completeRead: Number(row.complete_read) === 1,
    applied: Number(row.applied) === 1,
    counts: JSON.parse(row.counts) as PlanCounts,
    reason: row.reason,
    nextDeltaLink: row.next_delta_link,
    eventBatchesPublished: Number(row.event_batches_published),
  };
}
