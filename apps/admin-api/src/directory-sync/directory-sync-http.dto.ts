import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  INSTANCE_ALIAS_PATTERN,
  PLAN_ACTIONS,
  SafeText,
  type ArchiveUserState,
  type PlanAction,
} from '@archive365/contracts';
import { PageQuery } from '../pagination/page';

export class RunParams {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'alias must be a valid instance alias' })
  alias!: string;

  @IsUUID('all', { message: 'runId must be a sync run id (GUID)' })
  runId!: string;
}

export class RecreatedUserParams {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'alias must be a valid instance alias' })
  alias!: string;

  @IsUUID('all', { message: 'oid must be the new directory object id (GUID)' })
  oid!: string;
}

/** "Synchronize now": a full run (reads everything) or a delta run (changes since the last one). */
export class SyncNowBody {
  @IsOptional()
  @IsIn(['full', 'delta'], { message: 'kind must be full or delta' })
  kind?: 'full' | 'delta';
}

export class RecreatedUserDecisionBody {
  @IsIn(['link', 'keep-apart'], { message: 'decision must be link or keep-apart' })
  decision!: 'link' | 'keep-apart';
}

/** The plan of a run (the preview): filter by action (`create` = the `+` lines) or search. */
export class PlanQuery extends PageQuery {
  @IsOptional()
  @IsIn(PLAN_ACTIONS, { message: `action must be one of ${PLAN_ACTIONS.join(', ')}` })
  action?: PlanAction;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

export class ArchiveUsersQuery extends PageQuery {
  @IsOptional()
  @IsIn(['active', 'disabled', 'deleted'], { message: 'state must be active, disabled or deleted' })
  state?: ArchiveUserState;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

export class ArchiveUserByAddressQuery {
  @IsString()
  @MaxLength(320)
  @Matches(/^[^\s@]+@[^\s@]+$/, { message: 'address must be an email address' })
  address!: string;
}

export class RunsQuery extends PageQuery {}

/** Words of a group's display name ("Test settings" with the groups filter chooses groups by name). */
export class GroupSearchQuery {
  @SafeText({ maxLength: 100, nonEmpty: true })
  search!: string;
}

export class RunEventsQuery {
  /** How often the run is looked at while it goes on, in ms. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'intervalMs must be a whole number of milliseconds' })
  @Min(200, { message: 'intervalMs must be between 200 and 10000' })
  @Max(10_000, { message: 'intervalMs must be between 200 and 10000' })
  intervalMs?: number;
}

export interface ArchiveView {
  archiveId: string;
  archiveUserId: string;
  userName: string;
  primaryAddress: string;
  state: ArchiveUserState;
}
