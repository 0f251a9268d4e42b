import { Type } from 'class-transformer';
import { IsString, IsUUID, Matches, MaxLength, ValidateNested, IsObject } from 'class-validator';
import { INSTANCE_ALIAS_PATTERN } from '../instances/instance.dto';
import { SetupOptions } from './setup-options.dto';
import type { PlainProblem } from './setup.dto';
import { NoControlCharacters, OptionalField } from '../validation/safe-text';

/** Runs the checklist ("Test settings") with the instance's own credential. */
export class RunDoctorRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  /** The credential to check; defaults to the one of the instance's last setup. */
  @OptionalField()
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId?: string;

  /** What the registration must allow; defaults to the options of the instance's last setup. */
  @OptionalField()
  @IsObject({ message: 'options must be an object' })
  @ValidateNested()
  @Type(() => SetupOptions)
  options?: SetupOptions;

  /** An archived mailbox (UPN or id) that must be readable. */
  @OptionalField()
  @IsString()
  @NoControlCharacters()
  @MaxLength(320)
  archivedMailbox?: string;

  /** A mailbox outside the archive's scope (UPN or id) that must be refused. */
  @OptionalField()
  @IsString()
  @NoControlCharacters()
  @MaxLength(320)
  outOfScopeMailbox?: string;
}

export class LastDoctorRunRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;
}

/** `pass`; `fail` (must be fixed); `warn` (works, but not as it should); `skip` (not applicable, or blocked by an earlier failure). */
export type DoctorCheckOutcome = 'pass' | 'fail' | 'warn' | 'skip';

export interface DoctorCheckView {
  /** Stable name, e.g. `redirect-uri`, `permission:User.Read.All`, `graph:GroupMember.Read.All`. */
  name: string;
  title: string;
  outcome: DoctorCheckOutcome;
  /** What was found, in plain words. */
  detail: string;
  /** For `fail` and `warn`: what is wrong and the exact fix. */
  problem?: PlainProblem;
}

export interface DoctorRunView {
  id: string;
  instanceAlias: string;
  credentialId: string;
  /** True when no check failed (warnings allowed). */
  ok: boolean;
  checks: DoctorCheckView[];
  startedAt: string;
  finishedAt: string;
}

export interface LastDoctorRunReply {
  run?: DoctorRunView;
  /** Seconds since the last run finished, for "last checked 5 minutes ago". */
  ageSeconds?: number;
}
