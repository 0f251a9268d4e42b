import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Lease } from './lease.entity';

/**
 * Leases keep a setup (per instance) and a renewal (per credential) on one replica at a time. A lease
 * is taken with one atomic upsert that succeeds only when the row is free, expired or already ours, and
 * is kept alive by its holder; a crashed holder's lease simply runs out.
 */
@Injectable()
export class LeasesRepository {
  /** This process: a replica that restarts is a new owner. */
  readonly owner = randomUUID();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * True when this replica now holds `name` until now + ttl. A lease held already (by anyone, this
   * replica too: a second setup of an instance is refused on the same replica as on another) is
   * extended only with `renew`.
   */
  async acquire(name: string, ttlMs: number, renew = false): Promise<boolean> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    // PostgreSQL and SQLite (3.35+) share this upsert syntax, including the WHERE on DO UPDATE and
    // RETURNING. Only a row this statement wrote is returned: reading the row back afterwards cannot
    // tell two acquisitions by this replica in the same millisecond apart (same owner, same expiry),
    // and both would think they held the lease.
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      `INSERT INTO leases (name, owner, expires_at) VALUES (:name, :owner, :expiresAt)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE leases.expires_at < :now OR (leases.owner = :owner AND :renew = 1)
       RETURNING owner`,
      { name, owner: this.owner, expiresAt, now: now.toISOString(), renew: renew ? 1 : 0 },
    );
    const written: unknown = await this.dataSource.query(sql, parameters);
    return Array.isArray(written) && written.length === 1;
  }

  async release(name: string): Promise<void> {
    await this.dataSource.getRepository(Lease).delete({ name, owner: this.owner });
  }

  /** True when someone (this replica or another) holds `name` now. */
  async isHeld(name: string): Promise<boolean> {
    const row = await this.dataSource.getRepository(Lease).findOneBy({ name });
    return row !== null && row.expiresAt >= new Date().toISOString();
  }

  /**
   * Runs `work` holding `name`, renewing the lease as it goes. `work` gets a signal that fires when the
   * lease was lost (the database unreachable for longer than the lease): it must stop writing then.
   * Returns undefined, without running `work`, when another replica holds the lease.
   */
  async runHolding<T>(
    name: string,
    ttlMs: number,
    work: (lost: AbortSignal) => Promise<T>,
  ): Promise<{ ran: true; value: T } | { ran: false }> {
    if (!(await this.acquire(name, ttlMs))) return { ran: false };
    return { ran: true, value: await this.keep(name, ttlMs, work) };
  }

  /** Runs `work` holding a lease this replica has just acquired, renewing it, and releases it after. */
  async keep<T>(name: string, ttlMs: number, work: (lost: AbortSignal) => Promise<T>): Promise<T> {
    const lost = new AbortController();
    const timer = setInterval(
      () => {
        this.acquire(name, ttlMs, true).then(
          (held) => {
            if (!held) lost.abort(new Error(`lease ${name} was taken over`));
          },
          () => undefined,
        );
      },
      Math.max(500, Math.floor(ttlMs / 3)),
    );
    timer.unref();
    try {
      return await work(lost.signal);
    } finally {
      clearInterval(timer);
      await this.release(name).catch(() => undefined);
    }
  }
}
