import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { INSTANCE_ALIAS_PATTERN } from '../instances/instance.dto';
import type { ArchivePrivilege } from './sync-configuration.dto';
import { PageRequest } from '../pagination/page-request.dto';
import { NoControlCharacters, OptionalField } from '../validation/safe-text';

export type ArchiveUserState = 'active' | 'disabled' | 'deleted';

/** An archive user: one per directory user (keyed by tenant and oid), with one archive. */
export interface ArchiveUserView {
  id: string;
  instanceAlias: string;
  tenantId: string;
  oid: string;
  /** The UPN in lower case. */
  userName: string;
  displayName: string;
  primaryAddress: string;
  /** Every SMTP proxy address, lower case. */
  aliases: string[];
  /** Addresses the user had before (renames), so old mail still maps to its owner. */
  formerAddresses: string[];
  state: ArchiveUserState;
  archiveId: string;
  privileges: ArchivePrivilege[];
  createdAt: string;
  updatedAt: string;
}

export class ListArchiveUsersRequest extends PageRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  @OptionalField()
  @IsIn(['active', 'disabled', 'deleted'], { message: 'state must be active, disabled or deleted' })
  state?: ArchiveUserState;

  /** Matches the start of the user name, case-insensitive. */
  @OptionalField()
  @IsString()
  @NoControlCharacters()
  @MaxLength(200)
  search?: string;
}

export interface ArchiveUsersPage {
  total: number;
  offset: number;
  items: ArchiveUserView[];
}

/** Which archive user owns an address, now or before a rename. */
export class FindArchiveUserByAddressRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  @IsString()
  @NoControlCharacters()
  @MaxLength(320)
  @Matches(/^[^\s@]+@[^\s@]+$/, { message: 'address must be an email address' })
  address!: string;
}
