import { Injectable } from '@nestjs/common';
import {
  Events,
  type DecideSyncRunRequest,
  type ListPlanItemsRequest,
  type ListSyncRunsRequest,
  type PlanItemsPage,
  type ResolveRecreatedUserReply,
  type ResolveRecreatedUserRequest,
  type StartSyncRequest,
  type SyncRunView,
} from '@archive365/contracts';
import { EventPublisher } from '@archive365/messaging';
import { DirectorySyncError, DirectorySyncErrorCode } from '../errors/directory-sync.error';
import { PlanRepository } from '../planning/plan.repository';
import type { SyncProfile } from '../sync-profiles/sync-profile.entity';
import { SyncProfilesRepository } from '../sync-profiles/sync-profiles.repository';
import { RecreatedDecisionsRepository } from './recreated-decisions.repository';
import { SyncMetrics } from './sync-metrics';
import { SyncRunner } from './sync-runner';
import { SyncRunsRepository, type SyncRunRecord } from './sync-runs.repository';

/** The administrators' side of runs: start, follow, page the plan, approve or reject, resolve re-created users. */
@Injectable()
export class SyncRunsService {
  constructor(
    private readonly profiles: SyncProfilesRepository,
    private readonly runs: SyncRunsRepository,
    private readonly plans: PlanRepository,
    private readonly runner: SyncRunner,
    private readonly decisions: RecreatedDecisionsRepository,
    private readonly events: EventPublisher,
    private readonly metrics: SyncMetrics,
  ) {}

  async start(request: StartSyncRequest): Promise<SyncRunView> {
    const profile = await this.profile(request.instanceAlias);
    return toView(
      await this.runner.start(profile, request.kind, 'manual', request.requestedBy),
      profile.alias,
    );
  }

  async get(runId: string): Promise<SyncRunView> {
    const { run, profile } = await this.run(runId);
    return toView(run, profile.alias);
  }

  async list(request: ListSyncRunsRequest): Promise<SyncRunView[]> {
    const profile = await this.profile(request.instanceAlias);
    return (await this.runs.latest(profile.instanceId, request.limit ?? 20)).map((run) =>
      toView(run, profile.alias),
    );
  }

  async decide(request: DecideSyncRunRequest): Promise<SyncRunView> {
    const { run, profile } = await this.run(request.runId);
    if (run.state !== 'held') {
      throw new DirectorySyncError(
        DirectorySyncErrorCode.RunNotHeld,
        `run ${run.id} is ${run.state}, not held for approval`,
        {
          field: 'runId',
        },
      );
    }
    if (request.decision === 'approve') {
      await this.runner.approve(run, profile, request.decidedBy);
    } else {
      if (!(await this.runs.transition(run.id, 'held', 'rejected', request.decidedBy ?? null))) {
        throw new DirectorySyncError(DirectorySyncErrorCode.RunNotHeld, `run ${run.id} is no longer held`, {
          field: 'runId',
        });
      }
      await this.runs.update(run.id, { finished: true });
      this.metrics.ended(run.id, run.kind, 'rejected');
      // The record of a rejected run is what it would have changed.
      await this.plans.dropUnchanged(run.id);
      await this.events.publish(Events.SyncRunEnded, {
        runId: run.id,
        instanceAlias: profile.alias,
        state: 'rejected',
        created: 0,
        updated: 0,
        disabled: 0,
        deleted: 0,
        reason: 'rejected by an administrator: nothing was changed',
      });
    }
    return this.get(run.id);
  }

  async planItems(request: ListPlanItemsRequest): Promise<PlanItemsPage> {
    const { run } = await this.run(request.runId);
    const offset = request.offset ?? 0;
    const page = await this.plans.page(run.id, {
      action: request.action,
      search: request.search,
      offset,
      limit: request.limit ?? 100,
    });
    return { runId: run.id, offset, ...page };
  }

  async resolveRecreated(request: ResolveRecreatedUserRequest): Promise<ResolveRecreatedUserReply> {
    const profile = await this.profile(request.instanceAlias);
    await this.decisions.record(profile.instanceId, request.oid, request.decision);
    return { oid: request.oid.toLowerCase(), decision: request.decision };
  }

  private profile(alias: string): Promise<SyncProfile> {
    return this.profiles.existingByAlias(alias);
  }

  private async run(runId: string): Promise<{ run: SyncRunRecord; profile: SyncProfile }> {
    const run = await this.runs.byId(runId.toLowerCase());
    const profile = run ? await this.profiles.byInstanceId(run.instanceId) : null;
    if (!run || !profile) {
      throw new DirectorySyncError(DirectorySyncErrorCode.RunNotFound, `no sync run ${runId}`, {
        field: 'runId',
      });
    }
    return { run, profile };
  }
}

export function toView(run: SyncRunRecord, alias: string): SyncRunView {
  return {
    id: run.id,
    instanceAlias: alias,
    kind: run.kind,
    trigger: run.trigger,
    state: run.state,
    ...(run.requestedBy ? { requestedBy: run.requestedBy } : {}),
    startedAt: run.startedAt,
    ...(run.finishedAt
      ? { finishedAt: run.finishedAt, durationMs: Date.parse(run.finishedAt) - Date.parse(run.startedAt) }
      : {}),
    usersRead: run.usersRead,
    completeRead: run.completeRead,
    counts: run.counts,
    applied: run.applied,
    ...(run.reason ? { reason: run.reason } : {}),
    ...(run.decidedBy ? { decidedBy: run.decidedBy } : {}),
  };
}
