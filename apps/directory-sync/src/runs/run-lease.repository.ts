import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.repository';

/**
 * Owns `sync_leases`: one run per instance at a time across replicas. Taking a lease is one atomic
 * upsert that only overwrites an expired lease; the holder renews it while it runs, so a crashed
 * replica's lease lapses and another can take over (and recover the run).
 */
@Injectable()
export class RunLeaseRepository {
  constructor(private readonly sql: Sql) {}

  async acquire(instanceId: string, runId: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    await this.sql.execute(
      `INSERT INTO sync_leases (instance_id, owner, run_id, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (instance_id) DO UPDATE SET owner = excluded.owner, run_id = excluded.run_id,
              expires_at = excluded.expires_at
        WHERE sync_leases.expires_at < ?`,
      [instanceId, owner, runId, now + ttlMs, now],
    );
    const rows = await this.sql.query<{ owner: string; run_id: string }>(
      `SELECT owner, run_id FROM sync_leases WHERE instance_id = ?`,
      [instanceId],
    );
    return rows[0]?.owner === owner && rows[0]?.run_id === runId;
  }

  /** False when the lease was lost (expired and taken): the run must stop. */
  async renew(instanceId: string, runId: string, owner: string, ttlMs: number): Promise<boolean> {
    const touched = await this.sql.execute(
      `UPDATE sync_leases SET expires_at = ? WHERE instance_id = ? AND run_id = ? AND owner = ?`,
      [Date.now() + ttlMs, instanceId, runId, owner],
    );
    return touched > 0;
  }

  async release(instanceId: string, runId: string, owner: string): Promise<void> {
    await this.sql.execute(`DELETE FROM sync_leases WHERE instance_id = ? AND run_id = ? AND owner = ?`, [
      instanceId,
      runId,
      owner,
    ]);
  }

  /** Whether someone holds a live lease on the instance. */
  async isHeld(instanceId: string): Promise<boolean> {
    const rows = await this.sql.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM sync_leases WHERE instance_id = ? AND expires_at >= ?`,
      [instanceId, Date.now()],
    );
    return Number(rows[0]?.n ?? 0) > 0;
  }
}
