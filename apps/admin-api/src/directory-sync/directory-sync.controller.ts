import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse } from '@nestjs/swagger';
import {
  ErrorCode,
  Subjects,
  SyncConfigurationFields,
  type ArchiveUserView,
  type PlanItemView,
  type ResolveRecreatedUserReply,
  type SearchGroupsReply,
  type SyncConfigurationView,
  type SyncRunView,
} from '@archive365/contracts';
import { RpcClient } from '@archive365/messaging';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { InstanceRoute } from '../auth/route-access.decorator';
import { InstanceAliasParam } from '../credentials/credentials-http.dto';
import { AdminApiError } from '../http/admin-api.error';
import { streamPolledEvents } from '../http/server-sent-events';
import { pageBounds, pageOf, type Page } from '../pagination/page';
import {
  ArchiveUserByAddressQuery,
  ArchiveUsersQuery,
  GroupSearchQuery,
  PlanQuery,
  RecreatedUserDecisionBody,
  RecreatedUserParams,
  RunEventsQuery,
  RunParams,
  RunsQuery,
  SyncNowBody,
  type ArchiveView,
} from './directory-sync-http.dto';
import {
  ArchiveUserViewSchema,
  ArchiveUsersPage,
  ArchivesPage,
  PlanPage,
  ResolveRecreatedUserReplySchema,
  SearchGroupsReplySchema,
  SyncConfigurationViewSchema,
  SyncRunViewSchema,
  SyncRunsPage,
} from './directory-sync-http.replies';
import { ProblemResponses } from '../openapi/problem-responses';

/** States after which a run changes no more. */
const FINAL_STATES: ReadonlySet<SyncRunView['state']> = new Set(['succeeded', 'failed', 'rejected']);

/** Where a run's event stream ends: at its end, or where it waits for a person (a held run). */
function streamEndsAt(run: SyncRunView): boolean {
  return (
    FINAL_STATES.has(run.state) || run.state === 'held' || (run.kind === 'preview' && run.state === 'planned')
  );
}
/** The most runs directory-sync lists at once. */
const RUNS_LISTED = 100;

/**
 * Directory synchronization of an instance: its configuration, the preview ("Test settings"),
 * "Synchronize now", runs and their plans, held runs, archive users and their archives. Owned by the
 * directory-sync service, reached over NATS. Every route is under its instance, so the instance scope
 * of the caller covers them.
 */
@ProblemResponses()
@Controller('api/instances/:alias')
@InstanceRoute()
export class DirectorySyncController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('sync/configuration')
  @ApiOkResponse({ type: SyncConfigurationViewSchema })
  configuration(@Param() { alias }: InstanceAliasParam): Promise<SyncConfigurationView> {
    return this.rpc.send(Subjects.GetSyncConfiguration, { instanceAlias: alias });
  }

  /** Changes only the fields sent. */
  @Patch('sync/configuration')
  @ApiOkResponse({ type: SyncConfigurationViewSchema })
  configure(
    @Param() { alias }: InstanceAliasParam,
    @Body() body: SyncConfigurationFields,
  ): Promise<SyncConfigurationView> {
    return this.rpc.send(Subjects.UpdateSyncConfiguration, { ...body, instanceAlias: alias });
  }

  /** Groups of the directory by name (Graph `$search`), to choose the groups whose members are archived. */
  @Get('sync/groups')
  @ApiOkResponse({ type: SearchGroupsReplySchema })
  groups(
    @Param() { alias }: InstanceAliasParam,
    @Query() { search }: GroupSearchQuery,
  ): Promise<SearchGroupsReply> {
    return this.rpc.send(Subjects.SearchGroups, { instanceAlias: alias, search });
  }

  /** "Test settings": reads the directory and plans, changes nothing; see the plan with `+` for new users. */
  @Post('sync/preview')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: SyncRunViewSchema })
  preview(@Param() { alias }: InstanceAliasParam, @CurrentPrincipal() by: Principal): Promise<SyncRunView> {
    return this.rpc.send(Subjects.StartSync, { instanceAlias: alias, kind: 'preview', requestedBy: by.name });
  }

  /** "Synchronize now"; answers at once, the run goes on (follow it at `.../events`). */
  @Post('sync/runs')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: SyncRunViewSchema })
  synchronize(
    @Param() { alias }: InstanceAliasParam,
    @Body() body: SyncNowBody,
    @CurrentPrincipal() by: Principal,
  ): Promise<SyncRunView> {
    return this.rpc.send(Subjects.StartSync, {
      instanceAlias: alias,
      kind: body.kind ?? 'full',
      requestedBy: by.name,
    });
  }

  /** The latest runs, newest first (the last 100 are kept listable). */
  @Get('sync/runs')
  @ApiOkResponse({ type: SyncRunsPage })
  async runs(@Param() { alias }: InstanceAliasParam, @Query() query: RunsQuery): Promise<Page<SyncRunView>> {
    return pageOf(
      await this.rpc.send(Subjects.ListSyncRuns, { instanceAlias: alias, limit: RUNS_LISTED }),
      query,
    );
  }

  @Get('sync/runs/:runId')
  @ApiOkResponse({ type: SyncRunViewSchema })
  run(@Param() { alias, runId }: RunParams): Promise<SyncRunView> {
    return this.runOf(alias, runId);
  }

  /**
   * Server-Sent Events of a run: `progress` while it goes on, then `ended` (a preview ends `planned`),
   * or `held` when it waits for an approval (the stream ends there; reconnect after deciding).
   */
  @Get('sync/runs/:runId/events')
  @ApiOkResponse({
    description:
      'Server-Sent Events: `progress`, then `ended` or `held`; the data of each is a `SyncRunView`',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  async events(
    @Param() { alias, runId }: RunParams,
    @Query() query: RunEventsQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await streamPolledEvents(request, response, {
      poll: () => this.runOf(alias, runId),
      eventOf: (run) => (run.state === 'held' ? 'held' : streamEndsAt(run) ? 'ended' : 'progress'),
      isFinal: streamEndsAt,
      intervalMs: query.intervalMs ?? 500,
      maxDurationMs: 15 * 60_000,
    });
  }

  /** The plan of a run (what the preview shows): `+` create, `~` update, `-` disable or delete, ... */
  @Get('sync/runs/:runId/plan')
  @ApiOkResponse({ type: PlanPage })
  async plan(@Param() { alias, runId }: RunParams, @Query() query: PlanQuery): Promise<Page<PlanItemView>> {
    await this.runOf(alias, runId);
    const { limit, offset } = pageBounds(query);
    const page = await this.rpc.send(Subjects.ListPlanItems, {
      runId,
      action: query.action,
      search: query.search,
      offset,
      limit,
    });
    return { items: page.items, total: page.total, limit, offset };
  }

  /** A held run (too many leavers, a suspicious directory answer) goes on once approved. */
  @Post('sync/runs/:runId/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: SyncRunViewSchema })
  approve(@Param() { alias, runId }: RunParams, @CurrentPrincipal() by: Principal): Promise<SyncRunView> {
    return this.decide(alias, runId, 'approve', by);
  }

  @Post('sync/runs/:runId/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: SyncRunViewSchema })
  reject(@Param() { alias, runId }: RunParams, @CurrentPrincipal() by: Principal): Promise<SyncRunView> {
    return this.decide(alias, runId, 'reject', by);
  }

  /** A user deleted and re-created in the directory has a new object id: link it to the old archive, or not. */
  @Post('sync/recreated-users/:oid')
  @HttpCode(200)
  @ApiOkResponse({ type: ResolveRecreatedUserReplySchema })
  resolveRecreated(
    @Param() { alias, oid }: RecreatedUserParams,
    @Body() body: RecreatedUserDecisionBody,
  ): Promise<ResolveRecreatedUserReply> {
    return this.rpc.send(Subjects.ResolveRecreatedUser, {
      instanceAlias: alias,
      oid,
      decision: body.decision,
    });
  }

  @Get('archive-users')
  @ApiOkResponse({ type: ArchiveUsersPage })
  async archiveUsers(
    @Param() { alias }: InstanceAliasParam,
    @Query() query: ArchiveUsersQuery,
  ): Promise<Page<ArchiveUserView>> {
    const { limit, offset } = pageBounds(query);
    const page = await this.rpc.send(Subjects.ListArchiveUsers, {
      instanceAlias: alias,
      state: query.state,
      search: query.search,
      offset,
      limit,
    });
    return { items: page.items, total: page.total, limit, offset };
  }

  @Get('archive-users/by-address')
  @ApiOkResponse({ type: ArchiveUserViewSchema })
  async archiveUserByAddress(
    @Param() { alias }: InstanceAliasParam,
    @Query() { address }: ArchiveUserByAddressQuery,
  ): Promise<ArchiveUserView> {
    const user = await this.rpc.send(Subjects.FindArchiveUserByAddress, { instanceAlias: alias, address });
    if (!user) {
      throw new AdminApiError({
        code: ErrorCode.NotFound,
        message: `no archive user of "${alias}" has the address ${address}`,
        field: 'address',
        reason: 'ARCHIVE_USER_NOT_FOUND',
        hint: 'synchronize the directory, or search the archive users by name',
      });
    }
    return user;
  }

  /** One archive per archive user: the archives synchronization created. */
  @Get('archives')
  @ApiOkResponse({ type: ArchivesPage })
  async archives(
    @Param() { alias }: InstanceAliasParam,
    @Query() query: ArchiveUsersQuery,
  ): Promise<Page<ArchiveView>> {
    const users = await this.archiveUsers({ alias }, query);
    return {
      ...users,
      items: users.items.map((user) => ({
        archiveId: user.archiveId,
        archiveUserId: user.id,
        userName: user.userName,
        primaryAddress: user.primaryAddress,
        state: user.state,
      })),
    };
  }

  private async decide(alias: string, runId: string, decision: 'approve' | 'reject', by: Principal) {
    await this.runOf(alias, runId);
    return this.rpc.send(Subjects.DecideSyncRun, { runId, decision, decidedBy: by.name });
  }

  /** The run, if it belongs to this instance; a run of another instance is answered as unknown. */
  private async runOf(alias: string, runId: string): Promise<SyncRunView> {
    const run = await this.rpc.send(Subjects.GetSyncRun, { runId });
    if (run.instanceAlias !== alias) {
      throw new AdminApiError({
        code: ErrorCode.NotFound,
        message: `no sync run has the id ${runId}`,
        field: 'runId',
        reason: 'RUN_NOT_FOUND',
        hint: 'list the runs of the instance to see their ids',
      });
    }
    return run;
  }
}
