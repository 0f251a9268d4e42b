import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  IsObject,
} from 'class-validator';
import { INSTANCE_ALIAS_PATTERN } from '../instances/instance.dto';
import { IntegerFromText, NoControlCharacters, OptionalField } from '../validation/safe-text';

export const USER_FILTERS = ['licensed', 'enabled', 'groups'] as const;
/** Which directory users become archive users (DESIGN.md section 1.4). */
export type UserFilter = (typeof USER_FILTERS)[number];

export const LEAVER_ACTIONS = ['disable-login', 'delete'] as const;
/** What happens to the archive user of someone who left: keep the archive (default) or delete it (opt-in). */
export type LeaverAction = (typeof LEAVER_ACTIONS)[number];

export const ARCHIVE_PRIVILEGES = ['search-own', 'export-own', 'restore-own', 'delete-own'] as const;
export type ArchivePrivilege = (typeof ARCHIVE_PRIVILEGES)[number];

export class InstanceRef {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;
}

/**
 * The accidental-deletion guard: a run that would disable or delete more archive users than the smaller
 * of these stops and waits for an administrator (Entra Connect's default is 500).
 */
export class LeaverThreshold {
  @IntegerFromText()
  @IsInt({ message: 'maxCount must be a whole number of users' })
  @Min(0, { message: 'maxCount must be 0 or more' })
  @Max(1_000_000)
  maxCount!: number;

  @IntegerFromText()
  @IsInt({ message: 'maxPercent must be a whole percentage' })
  @Min(0, { message: 'maxPercent must be between 0 and 100' })
  @Max(100, { message: 'maxPercent must be between 0 and 100' })
  maxPercent!: number;
}

/** Automatic runs: every `intervalMinutes` (delta when possible, a full run when needed). */
export class SyncSchedule {
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled!: boolean;

  @IntegerFromText()
  @IsInt({ message: 'intervalMinutes must be a whole number of minutes' })
  @Min(5, { message: 'intervalMinutes must be between 5 and 10080 (a week)' })
  @Max(10080, { message: 'intervalMinutes must be between 5 and 10080 (a week)' })
  intervalMinutes!: number;
}

/** The editable part of an instance's directory configuration; every field is optional in an update. */
export class SyncConfigurationFields {
  @OptionalField()
  @IsIn(USER_FILTERS, { message: 'userFilter must be licensed, enabled or groups' })
  userFilter?: UserFilter;

  /** Group object ids for the `groups` filter; members of nested groups count. */
  @OptionalField()
  @IsArray({ message: 'groupIds must be a list of group object ids' })
  @ArrayMaxSize(100, { message: 'groupIds may name at most 100 groups' })
  @IsUUID('all', { each: true, message: 'groupIds must hold group object ids (GUIDs)' })
  groupIds?: string[];

  @OptionalField()
  @IsBoolean({ message: 'includeGuests must be true or false' })
  includeGuests?: boolean;

  @OptionalField()
  @IsBoolean({ message: 'includeSharedMailboxes must be true or false' })
  includeSharedMailboxes?: boolean;

  @OptionalField()
  @IsBoolean({ message: 'includeRooms must be true or false' })
  includeRooms?: boolean;

  @OptionalField()
  @IsBoolean({ message: 'includeDisabled must be true or false' })
  includeDisabled?: boolean;

  @OptionalField()
  @IsIn(LEAVER_ACTIONS, { message: 'leaverAction must be disable-login or delete' })
  leaverAction?: LeaverAction;

  @OptionalField()
  @IsObject({ message: 'leaverThreshold must be an object' })
  @ValidateNested()
  @Type(() => LeaverThreshold)
  leaverThreshold?: LeaverThreshold;

  @OptionalField()
  @IsObject({ message: 'schedule must be an object' })
  @ValidateNested()
  @Type(() => SyncSchedule)
  schedule?: SyncSchedule;

  @OptionalField()
  @IsArray({ message: 'newUserPrivileges must be a list' })
  @IsIn(ARCHIVE_PRIVILEGES, {
    each: true,
    message: `newUserPrivileges must hold only ${ARCHIVE_PRIVILEGES.join(', ')}`,
  })
  newUserPrivileges?: ArchivePrivilege[];
}

export class UpdateSyncConfigurationRequest extends SyncConfigurationFields {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;
}

export class GetSyncConfigurationRequest extends InstanceRef {}

export interface SyncConfigurationView {
  instanceAlias: string;
  credentialId?: string;
  /** The directory (tenant) GUID, known after the first read. */
  directoryTenantId?: string;
  userFilter: UserFilter;
  groupIds: string[];
  includeGuests: boolean;
  includeSharedMailboxes: boolean;
  includeRooms: boolean;
  includeDisabled: boolean;
  leaverAction: LeaverAction;
  leaverThreshold: { maxCount: number; maxPercent: number };
  schedule: { enabled: boolean; intervalMinutes: number };
  newUserPrivileges: ArchivePrivilege[];
  /** When incremental (delta) tracking started; absent before the first full run. */
  deltaTrackedSince?: string;
}

/** Used by the admin API's request bodies, where the alias comes from the path. */
export class SyncRequestedBy {
  @OptionalField()
  @IsString()
  @NoControlCharacters()
  @MaxLength(200)
  requestedBy?: string;
}
