import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Events, type SyncRunKind } from '@archive365/contracts';
import { EventPublisher } from '@archive365/messaging';
import { DIRECTORY_SYNC_CONFIG, type DirectorySyncConfig } from '../app/directory-sync.config';
import { ArchiveUsersRepository } from '../archive-users/archive-users.repository';
import { DirectorySyncError, DirectorySyncErrorCode } from '../errors/directory-sync.error';
import { DirectoryReadError } from '../graph/directory-read.error';
import type { GraphSession } from '../graph/graph-session';
import { GraphSessions } from '../graph/graph-sessions';
import { FirstSyncRepository, type FirstSyncWrite } from '../planning/first-sync.repository';
import { PlanApplyRepository } from '../planning/plan-apply.repository';
import { PlanRepository } from '../planning/plan.repository';
import type { SyncProfile } from '../sync-profiles/sync-profile.entity';
import { SyncProfilesRepository } from '../sync-profiles/sync-profiles.repository';
import { DirectoryRead, type ReadOutcome } from './directory-read';
import { GroupStateRepository } from './group-state.repository';
import { batchEventId } from './event-id';
import { RunChangesRepository } from './run-changes.repository';
import { RunLeaseRepository } from './run-lease.repository';
import { RunProgress } from './run-progress';
import { holdReason } from './safety-guard';
import { SyncMetrics, failureCode } from './sync-metrics';
import { SyncRunsRepository, type RunTrigger, type SyncRunRecord } from './sync-runs.repository';

const EVENT_BATCH = 500;
/** Event batches in flight at once: JetStream acknowledgements overlap, the order of batches does not matter. */
const EVENT_WINDOW = 8;

/**
 * Runs syncs: one per instance at a time across replicas (a lease), read, plan, guard, apply in one
 * transaction, then events. A run that could not read everything, or was interrupted before its
 * transaction committed, changed nothing; one interrupted after it resumes publishing its events.
 */
@Injectable()
export class SyncRunner implements OnApplicationShutdown {
  private readonly logger = new Logger(SyncRunner.name);
  /** Identifies this replica's leases. */
  readonly owner = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly inFlight = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    @Inject(DIRECTORY_SYNC_CONFIG) private readonly config: DirectorySyncConfig,
    private readonly runs: SyncRunsRepository,
    private readonly leases: RunLeaseRepository,
    private readonly profiles: SyncProfilesRepository,
    private readonly archiveUsers: ArchiveUsersRepository,
    private readonly plans: PlanRepository,
    private readonly applier: PlanApplyRepository,
    private readonly firstSync: FirstSyncRepository,
    private readonly changes: RunChangesRepository,
    private readonly directory: DirectoryRead,
    private readonly graph: GraphSessions,
    private readonly events: EventPublisher,
    private readonly metrics: SyncMetrics,
    private readonly groupStates: GroupStateRepository,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Starts a run and answers at once; the run goes on in the background. */
  async start(
    profile: SyncProfile,
    kind: SyncRunKind,
    trigger: RunTrigger,
    requestedBy?: string,
  ): Promise<SyncRunRecord> {
    const credentialId = profile.credentialId;
    if (!credentialId) {
      throw new DirectorySyncError(
        DirectorySyncErrorCode.NoCredential,
        `instance "${profile.alias}" has no credential for directory sync`,
        {
          hint: 'assign one with PUT /api/instances/{alias}/sync/credential',
        },
      );
    }
    const runId = randomUUID();
    if (!(await this.leases.acquire(profile.instanceId, runId, this.owner, this.config.SYNC_LEASE_MS))) {
      throw new DirectorySyncError(
        DirectorySyncErrorCode.RunInProgress,
        `a sync of instance "${profile.alias}" is already running`,
        {
          hint: 'wait for it to finish (see the list of runs)',
        },
      );
    }
    await this.plans.discardPreviews(profile.instanceId);
    const run = await this.runs.insert({
      id: runId,
      instanceId: profile.instanceId,
      kind,
      trigger,
      requestedBy: requestedBy ?? null,
    });
    this.launch(run, profile, () => this.readPlanApply(run, profile, credentialId));
    return run;
  }

  /** An administrator approved a held run: plan again against the archive as it is now, then apply. */
  async approve(run: SyncRunRecord, profile: SyncProfile, decidedBy?: string): Promise<void> {
    if (!(await this.leases.acquire(profile.instanceId, run.id, this.owner, this.config.SYNC_LEASE_MS))) {
      throw new DirectorySyncError(
        DirectorySyncErrorCode.RunInProgress,
        `a sync of instance "${profile.alias}" is running; approve when it is done`,
      );
    }
    if (!(await this.runs.transition(run.id, 'held', 'applying', decidedBy ?? null))) {
      await this.leases.release(profile.instanceId, run.id, this.owner);
      throw new DirectorySyncError(DirectorySyncErrorCode.RunNotHeld, `run ${run.id} is no longer held`);
    }
    this.launch(run, profile, async () => {
      // The users the read left out of the plan (unchanged, excluded) are in the run's counts only.
      const planned = await this.plans.counts(run.id);
      const unstaged = {
        unchanged: run.counts.unchanged - planned.unchanged,
        excluded: run.counts.excluded - planned.excluded,
      };
      await this.plans.compute({
        runId: run.id,
        instanceId: profile.instanceId,
        leaverAction: profile.leaverAction,
        again: true,
        staged: Object.values(planned).reduce((sum, n) => sum + n, 0),
      });
      const counts = await this.plans.counts(run.id, unstaged);
      await this.applyAndPublish({ ...run, trigger: 'approval' }, profile, counts);
    });
  }

  /**
   * Runs left unfinished by a replica that stopped: resumed when their changes were committed (events
   * still to publish), else marked failed (their transaction never committed: nothing changed).
   */
  async recover(): Promise<void> {
    for (const run of await this.runs.unfinished()) {
      if (this.inFlight.has(run.id) || (await this.leases.isHeld(run.instanceId))) continue;
      const profile = await this.profiles.byInstanceId(run.instanceId);
      if (
        !profile ||
        !(await this.leases.acquire(run.instanceId, run.id, this.owner, this.config.SYNC_LEASE_MS))
      )
        continue;
      if (run.state === 'publishing') {
        this.logger.warn({ runId: run.id }, 'resuming the events of an interrupted run');
        this.launch(run, profile, () => this.publishAndFinish(run, profile));
      } else {
        this.metrics.failed('INTERRUPTED');
        await this.finish(
          run,
          profile,
          'failed',
          'interrupted: the replica running it stopped before applying; nothing was changed',
        );
        await this.leases.release(run.instanceId, run.id, this.owner);
      }
    }
  }

  /** Resolves when every run of this replica has settled (tests and shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private launch(run: SyncRunRecord, profile: SyncProfile, work: () => Promise<void>): void {
    this.metrics.began(run.id);
    let lost = false;
    const heartbeat = setInterval(
      () => {
        this.leases
          .renew(profile.instanceId, run.id, this.owner, this.config.SYNC_LEASE_MS)
          .then((held) => {
            if (!held) lost = true;
          })
          .catch(() => undefined);
      },
      Math.floor(this.config.SYNC_LEASE_MS / 3),
    );
    heartbeat.unref();
    const done = work()
      .catch(async (error: unknown) => {
        if ((await this.stateAfterError(run.id)) === 'publishing') {
          // The changes are committed; recovery publishes the rest of the events.
          this.logger.warn({ err: error, runId: run.id }, 'events of a run could not all be published yet');
          return;
        }
        const reason = describeFailure(error, lost);
        this.metrics.failed(failureCode(error, lost));
        if (!(error instanceof DirectoryReadError))
          this.logger.error({ err: error, runId: run.id }, 'sync run failed');
        await this.finish(run, profile, 'failed', reason).catch((e: unknown) =>
          this.logger.error({ err: e, runId: run.id }, 'could not record the failure of a run'),
        );
      })
      .finally(async () => {
        clearInterval(heartbeat);
        this.inFlight.delete(run.id);
        this.metrics.settled(run.id);
        await this.releaseLease(profile.instanceId, run.id);
      });
    this.inFlight.set(run.id, done);
  }

  /**
   * Whether the run had committed decides between resuming its events and failing it: the error may have
   * been a cut database connection, so a failed read is tried again rather than taken as "not committed".
   */
  private async stateAfterError(runId: string): Promise<SyncRunRecord['state'] | undefined> {
    return (await triedAgain(() => this.runs.byId(runId)))?.state;
  }

  /** A lease left behind would block the instance until it expires: try a few times (the database may be back). */
  private async releaseLease(instanceId: string, runId: string): Promise<void> {
    await triedAgain(() => this.leases.release(instanceId, runId, this.owner));
  }

  private async readPlanApply(run: SyncRunRecord, profile: SyncProfile, credentialId: string): Promise<void> {
    const progress = new RunProgress(this.events, run.id, profile.alias);
    const session = this.graph.open(
      { credentialId, consentTenantId: profile.consentTenantId },
      () => this.stopping,
    );
    const timer = new PhaseTimer();
    // An instance's first sync applies while it reads (no archive user yet: nothing to plan against).
    if (run.kind !== 'preview' && !profile.deltaLink) {
      const firstRun = {
        runId: run.id,
        instanceId: profile.instanceId,
        tenantId: await session.tenantId(),
        privileges: profile.newUserPrivileges,
        now: new Date().toISOString(),
      };
      const applied = await this.firstSync.ifFirst(firstRun, (write) =>
        this.readApplying(run, profile, session, progress, timer, write),
      );
      if (applied) {
        // The commit of the whole read and the statistics taken after it.
        timer.lap('commit');
        return this.publishApplied(applied.run, profile, applied.counts, timer);
      }
    }
    const read = await this.directory.run(run.id, run.kind, profile, session, progress);
    timer.lap('read');
    await this.noteRead(profile, read);
    progress.report('planning', read.usersRead, read.usersRead, true);
    await this.plans.compute({
      runId: run.id,
      instanceId: profile.instanceId,
      leaverAction: profile.leaverAction,
      staged: read.usersRead - read.unstaged.unchanged - read.unstaged.excluded,
    });
    const counts = await this.plans.counts(run.id, read.unstaged);
    timer.lap('plan');
    this.logger.log(
      { runId: run.id, usersRead: read.usersRead, ...timer.laps },
      'directory read and planned',
    );
    await this.runs.update(run.id, readRecord(read, counts));
    const current = { ...run, kind: read.kind, nextDeltaLink: read.nextDeltaLink };
    if (read.kind === 'preview') {
      await this.finish(current, profile, 'planned', read.note);
      return;
    }
    // The guard needs the archive's size only for a full read or when users would leave: a delta of
    // a few changes does not count the whole archive.
    const activeBefore =
      read.kind === 'full' || counts.disable + counts.delete > 0
        ? await this.archiveUsers.countActive(profile.instanceId)
        : 0;
    const hold = holdReason({
      counts,
      activeBefore,
      threshold: { maxCount: profile.thresholdCount, maxPercent: profile.thresholdPercent },
      fullRead: read.kind === 'full',
    });
    if (hold) {
      await this.finish(
        current,
        profile,
        'held',
        `${hold}: nothing was changed; approve or reject the run`,
        false,
      );
      return;
    }
    await this.runs.update(run.id, { state: 'applying' });
    await this.applyAndPublish(current, profile, counts);
  }

  /**
   * A first sync, inside the transactions that `FirstSyncRepository.ifFirst` opened: the pages become
   * archive users and plan rows as they arrive, the plan rows are committed once the read is complete,
   * and the run moves to publishing in the commit of its archive users.
   * No guard is asked: with no archive user before, nobody is disabled or deleted.
   */
  private async readApplying(
    run: SyncRunRecord,
    profile: SyncProfile,
    session: GraphSession,
    progress: RunProgress,
    timer: PhaseTimer,
    write: FirstSyncWrite,
  ): Promise<{ run: SyncRunRecord; counts: SyncRunRecord['counts'] }> {
    const { manager } = write;
    const read = await this.directory.run(run.id, run.kind, profile, session, progress, write);
    timer.lap('read');
    await this.noteRead(profile, read);
    const counts = await this.plans.counts(run.id, read.unstaged, manager);
    await this.runs.update(
      run.id,
      { ...readRecord(read, counts), state: 'publishing', applied: true },
      manager,
    );
    await this.groupStates.commit(run.id, profile.instanceId, manager);
    timer.lap('apply');
    return { run: { ...run, kind: read.kind, nextDeltaLink: read.nextDeltaLink }, counts };
  }

  /** A complete read counts in the metrics, and tells which tenant the directory belongs to. */
  private async noteRead(profile: SyncProfile, read: ReadOutcome): Promise<void> {
    this.metrics.read(read.usersRead);
    if (read.tenantId === profile.directoryTenantId) return;
    await this.profiles.recordDirectoryTenant(profile.instanceId, read.tenantId);
    profile.directoryTenantId = read.tenantId;
  }

  private async applyAndPublish(
    run: SyncRunRecord,
    profile: SyncProfile,
    counts: SyncRunRecord['counts'],
  ): Promise<void> {
    const tenantId = profile.directoryTenantId;
    if (!tenantId) throw new Error('the directory tenant is unknown: a run must read the directory first');
    const timer = new PhaseTimer();
    await this.applier.apply(
      {
        runId: run.id,
        instanceId: profile.instanceId,
        tenantId,
        privileges: profile.newUserPrivileges,
        counts,
      },
      async (manager) => {
        await this.runs.update(run.id, { state: 'publishing', applied: true, counts }, manager);
        // What the run read of the groups filter's groups advances with the archive, or not at all.
        await this.groupStates.commit(run.id, profile.instanceId, manager);
      },
    );
    timer.lap('apply');
    await this.publishApplied(run, profile, counts, timer);
  }

  /** After the commit: the delta link for the next run, then the events of what was applied. */
  private async publishApplied(
    run: SyncRunRecord,
    profile: SyncProfile,
    counts: SyncRunRecord['counts'],
    timer: PhaseTimer,
  ): Promise<void> {
    const fresh = (await this.runs.byId(run.id)) ?? run;
    if (fresh.nextDeltaLink) await this.profiles.storeDeltaLink(profile.instanceId, fresh.nextDeltaLink);
    await this.publishAndFinish(fresh, profile);
    timer.lap('publish');
    // The counts applied, not the run's record from before the apply (all zero for a new run).
    this.logger.log({ runId: run.id, ...counts, ...timer.laps }, 'plan applied and events published');
  }

  private async publishAndFinish(run: SyncRunRecord, profile: SyncProfile): Promise<void> {
    const progress = new RunProgress(this.events, run.id, profile.alias);
    const total = run.counts.create + run.counts.update + run.counts.disable + run.counts.delete;
    let batch = 0;
    let pending: Promise<unknown>[] = [];
    const settle = async () => {
      // Nothing published since the last settle: the record already says so.
      if (pending.length === 0) return;
      await Promise.all(pending);
      pending = [];
      await this.runs.update(run.id, { eventBatchesPublished: batch });
      progress.report('publishing', Math.min(total, batch * EVENT_BATCH), total);
    };
    // A window of batches is read at once (one query, not one per batch), while the windows before it
    // are sent and acknowledged. Batch boundaries stay every EVENT_BATCH changes in oid order, so a
    // resumed run numbers its batches as before.
    const tenantId = profile.directoryTenantId ?? '';
    for await (const window of this.changes.windows(run.id, tenantId, EVENT_BATCH, EVENT_WINDOW)) {
      for (const { changesJson } of window) {
        if (batch >= run.eventBatchesPublished) {
          pending.push(
            this.events.publishWithSerializedList(
              Events.ArchiveUsersChanged,
              { runId: run.id, instanceAlias: profile.alias, batch },
              'changes',
              changesJson,
              { id: batchEventId(run.id, batch) },
            ),
          );
        }
        batch++;
      }
      await settle();
    }
    await settle();
    // What did not change is not kept: the record of a run is what it changed.
    await this.plans.dropUnchanged(run.id);
    await this.finish(run, profile, 'succeeded', run.reason ?? undefined);
  }

  private async finish(
    run: SyncRunRecord,
    profile: SyncProfile,
    state: 'planned' | 'held' | 'succeeded' | 'failed' | 'rejected',
    reason?: string,
    finished = true,
  ): Promise<void> {
    await this.runs.update(run.id, { state, reason: reason ?? null, finished });
    this.metrics.ended(run.id, run.kind, state);
    const counts = (await this.runs.byId(run.id))?.counts ?? run.counts;
    await this.events
      .publish(Events.SyncRunEnded, {
        runId: run.id,
        instanceAlias: profile.alias,
        state,
        created: counts.create,
        updated: counts.update,
        disabled: counts.disable,
        deleted: counts.delete,
        ...(reason ? { reason } : {}),
      })
      .catch((error: unknown) => this.logger.warn({ err: error, runId: run.id }, 'run-ended event not sent'));
  }
}

/** Milliseconds per phase of a run, for the log. */
class PhaseTimer {
  readonly laps: Record<string, number> = {};
  private last = performance.now();

  lap(name: string): void {
    const now = performance.now();
    this.laps[`${name}Ms`] = Math.round(now - this.last);
    this.last = now;
  }
}

function describeFailure(error: unknown, leaseLost: boolean): string {
  if (leaseLost)
    return 'the run lost its hold on the instance (another replica took over); nothing was changed';
  if (error instanceof DirectoryReadError) return `${error.message}; nothing was changed`;
  if (error instanceof DirectorySyncError) return error.publicMessage;
  return 'an internal error stopped the run before it changed anything (see the service log)';
}

/** What a complete read tells the run's record. */
function readRecord(read: ReadOutcome, counts: SyncRunRecord['counts']) {
  return {
    kind: read.kind,
    usersRead: read.usersRead,
    completeRead: true,
    counts,
    nextDeltaLink: read.nextDeltaLink,
    reason: read.note ?? null,
  };
}

/**
 * Up to three attempts half a second apart, for a database that may be coming back after a cut;
 * undefined when none succeeded.
 */
async function triedAgain<T>(attempt: () => Promise<T>): Promise<T | undefined> {
  for (let tries = 0; tries < 3; tries++) {
    try {
      return await attempt();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return undefined;
}
