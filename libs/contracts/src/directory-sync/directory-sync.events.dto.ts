import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

export const ARCHIVE_USER_CHANGES = ['created', 'updated', 'disabled', 'deleted', 'relinked'] as const;
export type ArchiveUserChangeKind = (typeof ARCHIVE_USER_CHANGES)[number];

/** One archive user's change; `archiveCreated`/`archiveDeleted` say what happened to its archive. */
export interface ArchiveUserChange {
  change: ArchiveUserChangeKind;
  archiveUserId: string;
  archiveId: string;
  tenantId: string;
  oid: string;
  userName: string;
  displayName: string;
  primaryAddress: string;
  aliases: string[];
  archiveCreated: boolean;
  archiveDeleted: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STRING_FIELDS = ['tenantId', 'oid', 'userName', 'displayName', 'primaryAddress'] as const;

/** What is wrong with one change, or undefined. */
function problemOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return 'must be an object';
  const change = item as Record<string, unknown>;
  if (!ARCHIVE_USER_CHANGES.includes(change['change'] as ArchiveUserChangeKind)) {
    return `change must be one of ${ARCHIVE_USER_CHANGES.join(', ')}`;
  }
  for (const field of ['archiveUserId', 'archiveId'] as const) {
    if (typeof change[field] !== 'string' || !UUID.test(change[field])) return `${field} must be a GUID`;
  }
  for (const field of STRING_FIELDS) {
    if (typeof change[field] !== 'string') return `${field} must be a string`;
  }
  const aliases = change['aliases'];
  if (!Array.isArray(aliases) || aliases.some((alias) => typeof alias !== 'string')) {
    return 'aliases must be a list of addresses';
  }
  for (const field of ['archiveCreated', 'archiveDeleted'] as const) {
    if (typeof change[field] !== 'boolean') return `${field} must be true or false`;
  }
  return undefined;
}

/**
 * Checks every change of a batch with plain code: class-validator's nested validation costs about 60 µs
 * per change, which for a 100,000-user first sync would be more CPU than the whole rest of the sync.
 */
@ValidatorConstraint({ name: 'archiveUserChanges' })
class ArchiveUserChangesShape implements ValidatorConstraintInterface {
  private problem = '';

  validate(value: unknown): boolean {
    if (!Array.isArray(value)) return false;
    for (const [index, item] of value.entries()) {
      const problem = problemOf(item);
      if (problem) {
        this.problem = `changes[${index}].${problem}`;
        return false;
      }
    }
    return true;
  }

  defaultMessage(): string {
    return this.problem || 'changes must be a list of archive user changes';
  }
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
  @Validate(ArchiveUserChangesShape)
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
