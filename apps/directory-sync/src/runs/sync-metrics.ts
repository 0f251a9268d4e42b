import { Injectable } from '@nestjs/common';
import type { SyncRunKind } from '@archive365/contracts';
import { ServiceMetrics } from '@archive365/service-kit';
import { DirectoryReadError } from '../graph/directory-read.error';
import { DirectorySyncError } from '../errors/directory-sync.error';

/** How a run ended: the run states that end one (or pause it, for `held`). */
export type RunOutcome = 'planned' | 'held' | 'succeeded' | 'failed' | 'rejected';

/** From a few seconds (a delta) to the hour a very large first sync may take. */
const RUN_DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];

/**
 * Directory sync on `/metrics`: runs by kind and outcome, how long they took, users read from
 * Microsoft Graph (its rate is users per second) and why runs failed. No label names an instance: a
 * provider may host thousands, and a run's record (the admin API) says which instance it was.
 */
@Injectable()
export class SyncMetrics {
  private readonly runs;
  private readonly duration;
  private readonly usersRead;
  private readonly failures;
  /** When this replica began working on a run (the start, or the approval of a held run). */
  private readonly startedAt = new Map<string, number>();

  constructor(metrics: ServiceMetrics) {
    this.runs = metrics.counter(
      'sync_runs_total',
      'Sync runs by kind (full, delta, preview) and how they ended (planned, held, succeeded, failed, rejected)',
      ['kind', 'outcome'],
    );
    this.duration = metrics.histogram(
      'sync_run_duration_seconds',
      'Time a replica worked on a run, from its start (or approval) to its end, by kind and outcome',
      ['kind', 'outcome'],
      RUN_DURATION_BUCKETS,
    );
    this.usersRead = metrics.counter(
      'sync_users_read_total',
      'Users read from the directory by runs that read it completely',
    );
    this.failures = metrics.counter(
      'sync_run_errors_total',
      'Failed runs by cause: DIRECTORY_THROTTLED, DIRECTORY_UNAVAILABLE, DIRECTORY_DENIED, ... (the directory could not be read), a directory-sync error code, LEASE_LOST, INTERRUPTED or INTERNAL',
      ['code'],
    );
  }

  /** This replica begins the work of a run. */
  began(runId: string): void {
    this.startedAt.set(runId, performance.now());
  }

  /** A run read the whole directory. */
  read(users: number): void {
    this.usersRead.inc(users);
  }

  /** A run reached an outcome; timed from when this replica began it, if it did. */
  ended(runId: string, kind: SyncRunKind, outcome: RunOutcome): void {
    this.runs.inc({ kind, outcome });
    const began = this.startedAt.get(runId);
    this.startedAt.delete(runId);
    if (began !== undefined) {
      this.duration.observe({ kind, outcome }, (performance.now() - began) / 1000);
    }
  }

  /** Why a run failed: the code of the error that stopped it. */
  failed(code: string): void {
    this.failures.inc({ code });
  }

  /** The work of a run settled on this replica, however it ended (forgets its start time). */
  settled(runId: string): void {
    this.startedAt.delete(runId);
  }
}

/** The bounded cause of a failed run, for {@link SyncMetrics.failed}. */
export function failureCode(error: unknown, leaseLost: boolean): string {
  if (leaseLost) return 'LEASE_LOST';
  if (error instanceof DirectoryReadError)
    return `DIRECTORY_${error.failure.toUpperCase().replace('-', '_')}`;
  if (error instanceof DirectorySyncError) return error.code;
  return 'INTERNAL';
}
