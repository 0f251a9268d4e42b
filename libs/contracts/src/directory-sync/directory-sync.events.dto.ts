import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';

export const ARCHIVE_USER_CHANGES = ['created', 'updated', 'disabled', 'deleted', 'relinked'] as const;
export type ArchiveUserChangeKind = (typeof ARCHIVE_USER_CHANGES)[number];

/** One archive user's change; `archiveCreated`/`archiveDeleted` say what happened to its archive. */
export class ArchiveUserChange {
  @IsIn(ARCHIVE_USER_CHANGES)
  change!: ArchiveUserChangeKind;

  @IsUUID('all')
  archiveUserId!: string;

  @IsUUID('all')
  archiveId!: string;

  @IsString()
  tenantId!: string;

  @IsString()
  oid!: string;

  @IsString()
  userName!: string;

  @IsString()
  displayName!: string;

  @IsString()
  primaryAddress!: string;

  @IsArray()
  @IsString({ each: true })
  aliases!: string[];

  @IsBoolean()
  archiveCreated!: boolean;

  @IsBoolean()
  archiveDeleted!: boolean;
}

/**
 * Archive users and archives created, changed, disabled or deleted by a run, up to 500 per event (one
 * event per user would cost more than the rest of a 100,000-user sync). Each event is published once
 * (`Nats-Msg-Id` = run id and batch number, the run records how far it got); consumers apply each
 * change idempotently by `archiveUserId`.
 */
export class ArchiveUsersChangedEvent {
  @IsUUID('all')
  runId!: string;

  @IsString()
  instanceAlias!: string;

  @IsInt()
  @Min(0)
  batch!: number;

  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ArchiveUserChange)
  changes!: ArchiveUserChange[];
}

/** Progress of a run, for a progress bar: at most a few per second. */
export class SyncRunProgressEvent {
  @IsUUID('all')
  runId!: string;

  @IsString()
  instanceAlias!: string;

  @IsIn(['reading', 'planning', 'applying', 'publishing'])
  phase!: 'reading' | 'planning' | 'applying' | 'publishing';

  @IsInt()
  @Min(0)
  done!: number;

  /** Absent while the total is unknown (reading the directory). */
  @IsOptional()
  @IsInt()
  total?: number;
}

/** A run ended (`succeeded`, `failed`, `rejected`) or stopped to wait for an administrator (`held`). */
export class SyncRunEndedEvent {
  @IsUUID('all')
  runId!: string;

  @IsString()
  instanceAlias!: string;

  @IsIn(['planned', 'held', 'succeeded', 'failed', 'rejected'])
  state!: 'planned' | 'held' | 'succeeded' | 'failed' | 'rejected';

  @IsInt()
  created!: number;

  @IsInt()
  updated!: number;

  @IsInt()
  disabled!: number;

  @IsInt()
  deleted!: number;

  @IsOptional()
  @IsString()
  reason?: string;
}
