import { IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { INSTANCE_ALIAS_PATTERN } from '../instances/instance.dto';
import { PageRequest } from '../pagination/page-request.dto';
import { IntegerFromText, NoControlCharacters, OptionalField } from '../validation/safe-text';

export const SYNC_RUN_KINDS = ['preview', 'full', 'delta'] as const;
/** `preview` reads and plans only ("Test settings"); `full` and `delta` apply the plan. */
export type SyncRunKind = (typeof SYNC_RUN_KINDS)[number];

export const SYNC_RUN_STATES = [
  'reading',
  'planned',
  'held',
  'applying',
  'publishing',
  'succeeded',
  'failed',
  'rejected',
] as const;
/**
 * `reading` the directory; `planned` a preview is ready; `held` over a threshold or a suspicious
 * result, waiting for an administrator; `applying` then `publishing` events; ended in `succeeded`,
 * `failed` (nothing was changed unless `applied` says so) or `rejected`.
 */
export type SyncRunState = (typeof SYNC_RUN_STATES)[number];

export const PLAN_ACTIONS = [
  'create',
  'update',
  'disable',
  'delete',
  'unchanged',
  'excluded',
  'recreated',
] as const;
/** What a run does with one user: `recreated` waits for the administrator to link or keep apart. */
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export interface PlanCounts {
  create: number;
  update: number;
  disable: number;
  delete: number;
  unchanged: number;
  excluded: number;
  recreated: number;
}

export interface SyncRunView {
  id: string;
  instanceAlias: string;
  kind: SyncRunKind;
  trigger: 'manual' | 'schedule' | 'approval';
  state: SyncRunState;
  requestedBy?: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  /** Users read from the directory so far. */
  usersRead: number;
  /** Whether the whole source was read; a run that did not changes nothing. */
  completeRead: boolean;
  counts: PlanCounts;
  /** Whether the plan was written to the archive users (a failed run before it changed nothing). */
  applied: boolean;
  /** Why it failed, or why it is held: safe to show. */
  reason?: string;
  decidedBy?: string;
}

export class StartSyncRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  /** `preview` = Test settings; `full` = Synchronize now; `delta` = changes since the last run. */
  @IsIn(SYNC_RUN_KINDS, { message: 'kind must be preview, full or delta' })
  kind!: SyncRunKind;

  /** Who asked (an administrator's name), recorded with the run. */
  @OptionalField()
  @IsString()
  @NoControlCharacters()
  @MaxLength(200)
  requestedBy?: string;
}

export class SyncRunRef {
  @IsUUID('all', { message: 'runId must be a sync run id (GUID)' })
  runId!: string;
}

export class ListSyncRunsRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  @OptionalField()
  @IntegerFromText()
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be between 1 and 100' })
  @Max(100, { message: 'limit must be between 1 and 100' })
  limit?: number;
}

/** An administrator's decision on a held run. */
export class DecideSyncRunRequest extends SyncRunRef {
  @IsIn(['approve', 'reject'], { message: 'decision must be approve or reject' })
  decision!: 'approve' | 'reject';

  @OptionalField()
  @IsString()
  @NoControlCharacters()
  @MaxLength(200)
  decidedBy?: string;
}

/** The plan of a run, a page at a time. */
export class ListPlanItemsRequest extends PageRequest {
  @IsUUID('all', { message: 'runId must be a sync run id (GUID)' })
  runId!: string;

  @OptionalField()
  @IsIn(PLAN_ACTIONS, { message: `action must be one of ${PLAN_ACTIONS.join(', ')}` })
  action?: PlanAction;

  /** Matches the start of the user name or display name, case-insensitive. */
  @OptionalField()
  @IsString()
  @NoControlCharacters()
  @MaxLength(200)
  search?: string;
}

export interface PlanChange {
  field: 'userName' | 'displayName' | 'primaryAddress' | 'aliases' | 'state' | 'oid';
  from: string;
  to: string;
}

export interface PlanItemView {
  /** `+` create, `~` update, `-` disable or delete, `=` unchanged, ` ` excluded, `?` recreated. */
  sign: '+' | '~' | '-' | '=' | ' ' | '?';
  action: PlanAction;
  oid: string;
  userName: string;
  displayName: string;
  /** What changes, for `update` (and the old/new oid for `recreated`). */
  changes: PlanChange[];
  /** Why the user is in or out: the filter, the group path, the option. */
  reasons: string[];
}

export interface PlanItemsPage {
  runId: string;
  total: number;
  offset: number;
  items: PlanItemView[];
}

/** The administrator's choice for a user deleted and re-created in the directory (new oid, same UPN). */
export class ResolveRecreatedUserRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  /** The new directory object id. */
  @IsUUID('all', { message: 'oid must be the new directory object id (GUID)' })
  oid!: string;

  /** `link`: the existing archive user (and archive) now belongs to the new oid; `keep-apart`: a new one. */
  @IsIn(['link', 'keep-apart'], { message: 'decision must be link or keep-apart' })
  decision!: 'link' | 'keep-apart';
}

export interface ResolveRecreatedUserReply {
  oid: string;
  decision: 'link' | 'keep-apart';
  /** The archive user the new oid will be linked to, for `link`. */
  linkedArchiveUserId?: string;
}
