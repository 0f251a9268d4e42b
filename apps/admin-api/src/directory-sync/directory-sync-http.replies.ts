import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ARCHIVE_PRIVILEGES,
  LEAVER_ACTIONS,
  PLAN_ACTIONS,
  SYNC_RUN_KINDS,
  SYNC_RUN_STATES,
  USER_FILTERS,
  type ArchivePrivilege,
  type ArchiveUserState,
  type ArchiveUserView,
  type GroupView,
  type LeaverAction,
  type PlanAction,
  type PlanChange,
  type PlanCounts,
  type PlanItemView,
  type ResolveRecreatedUserReply,
  type SearchGroupsReply,
  type SyncConfigurationView,
  type SyncRunKind,
  type SyncRunState,
  type SyncRunView,
  type UserFilter,
} from '@archive365/contracts';
import { everyValueOf, ReplySchema } from '../openapi/reply-schema';
import { PageSchema } from '../pagination/page.schema';
import type { ArchiveView } from './directory-sync-http.dto';

const ARCHIVE_USER_STATES = everyValueOf<ArchiveUserState>()('active', 'disabled', 'deleted');
const RECREATED_DECISIONS = everyValueOf<ResolveRecreatedUserReply['decision']>()('link', 'keep-apart');

type Threshold = SyncConfigurationView['leaverThreshold'];
type Schedule = SyncConfigurationView['schedule'];

@ReplySchema<Threshold>('LeaverThreshold', 'A run with more leavers than either limit is held')
export class LeaverThresholdSchema implements Threshold {
  @ApiProperty({ type: 'integer' })
  maxCount!: number;

  @ApiProperty({ type: 'number' })
  maxPercent!: number;
}

@ReplySchema<Schedule>('SyncSchedule')
export class SyncScheduleSchema implements Schedule {
  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: 'integer' })
  intervalMinutes!: number;
}

@ReplySchema<SyncConfigurationView>('SyncConfigurationView', "An instance's directory sync settings")
export class SyncConfigurationViewSchema implements SyncConfigurationView {
  @ApiProperty()
  instanceAlias!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  credentialId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The directory (tenant) GUID, known after the first read',
  })
  directoryTenantId?: string;

  @ApiProperty({ enum: [...USER_FILTERS] })
  userFilter!: UserFilter;

  @ApiProperty({ type: [String] })
  groupIds!: string[];

  @ApiProperty()
  includeGuests!: boolean;

  @ApiProperty()
  includeSharedMailboxes!: boolean;

  @ApiProperty()
  includeRooms!: boolean;

  @ApiProperty()
  includeDisabled!: boolean;

  @ApiProperty({ enum: [...LEAVER_ACTIONS] })
  leaverAction!: LeaverAction;

  @ApiProperty({ type: () => LeaverThresholdSchema })
  leaverThreshold!: LeaverThresholdSchema;

  @ApiProperty({ type: () => SyncScheduleSchema })
  schedule!: SyncScheduleSchema;

  @ApiProperty({ enum: [...ARCHIVE_PRIVILEGES], isArray: true })
  newUserPrivileges!: ArchivePrivilege[];

  @ApiPropertyOptional({ format: 'date-time', description: 'When incremental (delta) tracking started' })
  deltaTrackedSince?: string;
}

@ReplySchema<PlanCounts>('PlanCounts', 'How many users each action of the plan takes')
export class PlanCountsSchema implements PlanCounts {
  @ApiProperty({ type: 'integer' })
  create!: number;

  @ApiProperty({ type: 'integer' })
  update!: number;

  @ApiProperty({ type: 'integer' })
  disable!: number;

  @ApiProperty({ type: 'integer' })
  delete!: number;

  @ApiProperty({ type: 'integer' })
  unchanged!: number;

  @ApiProperty({ type: 'integer' })
  excluded!: number;

  @ApiProperty({ type: 'integer' })
  recreated!: number;
}

@ReplySchema<SyncRunView>('SyncRunView', 'A directory sync run: a preview, or a full or delta run')
export class SyncRunViewSchema implements SyncRunView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  instanceAlias!: string;

  @ApiProperty({ enum: [...SYNC_RUN_KINDS] })
  kind!: SyncRunKind;

  @ApiProperty({ enum: everyValueOf<SyncRunView['trigger']>()('manual', 'schedule', 'approval') })
  trigger!: SyncRunView['trigger'];

  @ApiProperty({ enum: [...SYNC_RUN_STATES] })
  state!: SyncRunState;

  @ApiPropertyOptional()
  requestedBy?: string;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  finishedAt?: string;

  @ApiPropertyOptional({ type: 'integer' })
  durationMs?: number;

  @ApiProperty({ type: 'integer', description: 'Users read from the directory so far' })
  usersRead!: number;

  @ApiProperty({ description: 'Whether the whole source was read; a run that did not changes nothing' })
  completeRead!: boolean;

  @ApiProperty({ type: () => PlanCountsSchema })
  counts!: PlanCountsSchema;

  @ApiProperty({ description: 'Whether the plan was written to the archive users' })
  applied!: boolean;

  @ApiPropertyOptional({ description: 'Why it failed, or why it is held' })
  reason?: string;

  @ApiPropertyOptional()
  decidedBy?: string;
}

export const SyncRunsPage = PageSchema(SyncRunViewSchema, 'SyncRunsPage');

@ReplySchema<PlanChange>('PlanChange')
export class PlanChangeSchema implements PlanChange {
  @ApiProperty({
    enum: everyValueOf<PlanChange['field']>()(
      'userName',
      'displayName',
      'primaryAddress',
      'aliases',
      'state',
      'oid',
    ),
  })
  field!: PlanChange['field'];

  @ApiProperty()
  from!: string;

  @ApiProperty()
  to!: string;
}

@ReplySchema<PlanItemView>('PlanItemView', 'What a run does with one user')
export class PlanItemViewSchema implements PlanItemView {
  @ApiProperty({
    enum: everyValueOf<PlanItemView['sign']>()('+', '~', '-', '=', ' ', '?'),
    description: '`+` create, `~` update, `-` disable or delete, `=` unchanged, ` ` excluded, `?` recreated',
  })
  sign!: PlanItemView['sign'];

  @ApiProperty({ enum: [...PLAN_ACTIONS] })
  action!: PlanAction;

  @ApiProperty({ format: 'uuid' })
  oid!: string;

  @ApiProperty()
  userName!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ type: () => [PlanChangeSchema] })
  changes!: PlanChangeSchema[];

  @ApiProperty({ type: [String], description: 'Why the user is in or out' })
  reasons!: string[];
}

export const PlanPage = PageSchema(PlanItemViewSchema, 'PlanPage');

@ReplySchema<ResolveRecreatedUserReply>('ResolveRecreatedUserReply')
export class ResolveRecreatedUserReplySchema implements ResolveRecreatedUserReply {
  @ApiProperty({ format: 'uuid' })
  oid!: string;

  @ApiProperty({ enum: RECREATED_DECISIONS })
  decision!: ResolveRecreatedUserReply['decision'];

  @ApiPropertyOptional({ format: 'uuid' })
  linkedArchiveUserId?: string;
}

@ReplySchema<ArchiveUserView>('ArchiveUserView', 'An archive user: one per directory user, with one archive')
export class ArchiveUserViewSchema implements ArchiveUserView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  instanceAlias!: string;

  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty({ format: 'uuid' })
  oid!: string;

  @ApiProperty({ description: 'The UPN in lower case' })
  userName!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty()
  primaryAddress!: string;

  @ApiProperty({ type: [String], description: 'Every SMTP proxy address, lower case' })
  aliases!: string[];

  @ApiProperty({ type: [String], description: 'Addresses the user had before (renames)' })
  formerAddresses!: string[];

  @ApiProperty({ enum: ARCHIVE_USER_STATES })
  state!: ArchiveUserState;

  @ApiProperty({ format: 'uuid' })
  archiveId!: string;

  @ApiProperty({ enum: [...ARCHIVE_PRIVILEGES], isArray: true })
  privileges!: ArchivePrivilege[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const ArchiveUsersPage = PageSchema(ArchiveUserViewSchema, 'ArchiveUsersPage');

@ReplySchema<ArchiveView>('ArchiveView', "An archive user's archive")
export class ArchiveViewSchema implements ArchiveView {
  @ApiProperty({ format: 'uuid' })
  archiveId!: string;

  @ApiProperty({ format: 'uuid' })
  archiveUserId!: string;

  @ApiProperty()
  userName!: string;

  @ApiProperty()
  primaryAddress!: string;

  @ApiProperty({ enum: ARCHIVE_USER_STATES })
  state!: ArchiveUserState;
}

export const ArchivesPage = PageSchema(ArchiveViewSchema, 'ArchivesPage');

@ReplySchema<GroupView>('GroupView', 'A group of the directory, to choose whose members are archived')
export class GroupViewSchema implements GroupView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  displayName!: string;

  @ApiPropertyOptional()
  description?: string;

  @ApiPropertyOptional()
  mail?: string;
}

@ReplySchema<SearchGroupsReply>('SearchGroupsReply', 'The first groups whose name matches')
export class SearchGroupsReplySchema implements SearchGroupsReply {
  @ApiProperty({ type: () => [GroupViewSchema], description: 'At most 25: refine the words to find others' })
  items!: GroupViewSchema[];
}
