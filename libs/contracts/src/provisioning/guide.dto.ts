import { Type } from 'class-transformer';
import { IsIn, IsString, IsUUID, Matches, MaxLength, ValidateNested, IsObject } from 'class-validator';
import { INSTANCE_ALIAS_PATTERN } from '../instances/instance.dto';
import { SetupOptions } from './setup-options.dto';
import { NoControlCharacters, OptionalField } from '../validation/safe-text';

/** Which mailboxes the archive reads: mirrors the instance's sync filter. */
export const MAILBOX_SCOPE_KINDS = ['licensed', 'enabled', 'groups'] as const;
export type MailboxScopeKind = (typeof MAILBOX_SCOPE_KINDS)[number];

export class GuideRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId!: string;

  @OptionalField()
  @IsObject({ message: 'options must be an object' })
  @ValidateNested()
  @Type(() => SetupOptions)
  options?: SetupOptions;

  /** The sync filter the mailbox scope is built from (`licensed` when omitted, as a new sync profile). */
  @OptionalField()
  @IsIn(MAILBOX_SCOPE_KINDS, { message: 'syncFilter must be licensed, enabled or groups' })
  syncFilter?: MailboxScopeKind;

  /** For `groups`: the mail-enabled security group's e-mail address, whose members are archived. */
  @OptionalField()
  @IsString()
  @NoControlCharacters()
  @MaxLength(320)
  groupAddress?: string;
}

export interface GuideStep {
  title: string;
  /** Plain-words instructions. */
  text: string;
  /** Exact values to enter, by label (redirect URI, permission names, ...). */
  values?: Record<string, string>;
  /** PowerShell to run, when the step needs it. */
  powershell?: string;
  warning?: string;
}

export interface GuideView {
  instanceAlias: string;
  credentialId: string;
  redirectUri: string;
  /** File name of the certificate to upload (download it from the credential). */
  certificateFileName: string;
  certificateThumbprintSha1: string;
  steps: GuideStep[];
}
