import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Min } from 'class-validator';
import { INSTANCE_ALIAS_PATTERN } from '../instances/instance.dto';
import { RENEWAL_STEPS, type RenewalStep } from './renewal.dto';
import { SETUP_MODES, type SetupMode } from './setup.dto';

/** A setup moved: a step finished, the sign-in code is waiting, or it ended. */
export class SetupProgressEvent {
  @IsUUID()
  setupId!: string;

  @Matches(INSTANCE_ALIAS_PATTERN)
  instanceAlias!: string;

  @IsIn(SETUP_MODES)
  mode!: SetupMode;

  @IsIn(['running', 'waiting-for-sign-in', 'waiting-for-consent', 'succeeded', 'failed', 'interrupted'])
  state!: string;

  /** The step that just finished or failed, when there is one. */
  @IsOptional()
  @IsString()
  step?: string;

  @IsInt()
  @Min(0)
  graphWrites!: number;

  /** The problem's code when the setup failed. */
  @IsOptional()
  @IsString()
  problemCode?: string;
}

export class DoctorFinishedEvent {
  @IsUUID()
  runId!: string;

  @Matches(INSTANCE_ALIAS_PATTERN)
  instanceAlias!: string;

  @IsUUID()
  credentialId!: string;

  @IsBoolean()
  ok!: boolean;

  /** Names of the failed checks. */
  @IsString({ each: true })
  failed!: string[];
}

export class RenewalProgressEvent {
  @IsUUID()
  renewalId!: string;

  @IsUUID()
  credentialId!: string;

  /** Absent for the provider's multi-tenant app, which is no instance's. */
  @IsOptional()
  @Matches(INSTANCE_ALIAS_PATTERN)
  instanceAlias?: string;

  @IsIn(['running', 'succeeded', 'failed'])
  state!: string;

  @IsIn([...RENEWAL_STEPS, 'done'])
  step!: RenewalStep | 'done';

  @IsOptional()
  @IsString()
  problemCode?: string;
}
