import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type DecideSyncRunRequest,
  type ListPlanItemsRequest,
  type ListSyncRunsRequest,
  type PlanItemsPage,
  type ResolveRecreatedUserReply,
  type ResolveRecreatedUserRequest,
  type StartSyncRequest,
  type SyncRunRef,
  type SyncRunView,
} from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { SyncRunsService } from './sync-runs.service';

@Injectable()
export class SyncRunsHandler {
  constructor(private readonly runs: SyncRunsService) {}

  @RpcHandler(Subjects.StartSync)
  start(request: StartSyncRequest): Promise<SyncRunView> {
    return this.runs.start(request);
  }

  @RpcHandler(Subjects.GetSyncRun)
  get(request: SyncRunRef): Promise<SyncRunView> {
    return this.runs.get(request.runId);
  }

  @RpcHandler(Subjects.ListSyncRuns)
  list(request: ListSyncRunsRequest): Promise<SyncRunView[]> {
    return this.runs.list(request);
  }

  @RpcHandler(Subjects.DecideSyncRun)
  decide(request: DecideSyncRunRequest): Promise<SyncRunView> {
    return this.runs.decide(request);
  }

  @RpcHandler(Subjects.ListPlanItems)
  planItems(request: ListPlanItemsRequest): Promise<PlanItemsPage> {
    return this.runs.planItems(request);
  }

  @RpcHandler(Subjects.ResolveRecreatedUser)
  resolveRecreated(request: ResolveRecreatedUserRequest): Promise<ResolveRecreatedUserReply> {
    return this.runs.resolveRecreated(request);
  }
}
