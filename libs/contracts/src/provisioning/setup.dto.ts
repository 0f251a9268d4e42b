import { Type } from 'class-transformer';
import { IsIn, IsString, IsUUID, Matches, MaxLength, ValidateNested, IsObject } from 'class-validator';
import { TENANT_ID_PATTERN } from '../credentials/credential.dto';
import { INSTANCE_ALIAS_PATTERN } from '../instances/instance.dto';
import { SetupOptions, type EffectiveSetupOptions } from './setup-options.dto';
import { NoControlCharacters, OptionalField, SafeText } from '../validation/safe-text';

/** The three ways an administrator sets up an instance's app registration. */
export const SETUP_MODES = ['automatic', 'consent-link', 'manual'] as const;
export type SetupMode = (typeof SETUP_MODES)[number];

export class InstanceSetupRef {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;
}

/**
 * Automatic per-tenant app: the customer's administrator signs in once (device code), then the service
 * creates or repairs the app registration through Graph.
 */
export class StartAutomaticSetupRequest extends InstanceSetupRef {
  /** The credential whose certificate the app registration gets; a new one is created when omitted. */
  @OptionalField()
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId?: string;

  /** The customer's tenant (GUID or verified domain); when omitted, the administrator's sign-in decides. */
  @OptionalField()
  @Matches(TENANT_ID_PATTERN, {
    message: 'tenantId must be the directory (tenant) ID, a GUID, or a verified domain',
  })
  tenantId?: string;

  @OptionalField()
  @IsObject({ message: 'options must be an object' })
  @ValidateNested()
  @Type(() => SetupOptions)
  options?: SetupOptions;
}

/** Manual guide: the administrator follows the instance's own guide, then the doctor verifies it. */
export class StartManualSetupRequest extends InstanceSetupRef {
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId!: string;

  /** The app registration's Object ID (Azure portal, app overview): needed for automatic renewal. */
  @OptionalField()
  @IsUUID('all', { message: 'applicationObjectId must be the Object ID (GUID) shown on the app overview' })
  applicationObjectId?: string;

  @OptionalField()
  @IsObject({ message: 'options must be an object' })
  @ValidateNested()
  @Type(() => SetupOptions)
  options?: SetupOptions;
}

/** Consent link: the provider's multi-tenant app, consented by the customer's administrator in one click. */
export class StartConsentSetupRequest extends InstanceSetupRef {
  /** The customer's tenant: the consent must come back from this one. */
  @Matches(TENANT_ID_PATTERN, {
    message: 'tenantId must be the directory (tenant) ID, a GUID, or a verified domain',
  })
  tenantId!: string;

  @OptionalField()
  @IsObject({ message: 'options must be an object' })
  @ValidateNested()
  @Type(() => SetupOptions)
  options?: SetupOptions;
}

/** What Microsoft sent back to the consent redirect URI (query parameters, as received). */
export class CompleteConsentRequest {
  @IsString()
  @NoControlCharacters()
  @MaxLength(200)
  state!: string;

  @OptionalField()
  @IsIn(['True', 'true', 'False', 'false'], { message: 'admin_consent must be True or False' })
  adminConsent?: string;

  @OptionalField()
  @IsString()
  @NoControlCharacters()
  @MaxLength(253)
  tenant?: string;

  @OptionalField()
  @IsString()
  @NoControlCharacters()
  @MaxLength(200)
  error?: string;

  // Entra's error_description is several lines (the AADSTS text, then Trace ID, Correlation ID and
  // Timestamp, separated by CR LF): line breaks are accepted, other control characters are not.
  @OptionalField()
  @SafeText({ maxLength: 2000, multiline: true })
  errorDescription?: string;
}

export type SetupState =
  'running' | 'waiting-for-sign-in' | 'waiting-for-consent' | 'succeeded' | 'failed' | 'interrupted';
export type SetupStepState = 'pending' | 'done' | 'failed' | 'skipped';

/** A problem put in plain words, with the exact fix. */
export interface PlainProblem {
  /** Our code, or Microsoft's (`AADSTS700027`, `Authorization_RequestDenied`). */
  code: string;
  message: string;
  fix: string;
}

export interface SetupStepView {
  name: string;
  title: string;
  state: SetupStepState;
  /** True when this step wrote to the app registration (false: it was already right). */
  changed: boolean;
  detail?: string;
  problem?: PlainProblem;
}

export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  /** Microsoft's own instruction text. */
  message: string;
  expiresAt: string;
}

export interface SetupView {
  id: string;
  instanceAlias: string;
  mode: SetupMode;
  state: SetupState;
  options: EffectiveSetupOptions;
  credentialId?: string;
  tenantId?: string;
  clientId?: string;
  applicationObjectId?: string;
  /** While `waiting-for-sign-in`: what the administrator enters where. */
  signIn?: DeviceCodePrompt;
  /** While `waiting-for-consent`: the link the customer's administrator opens. */
  consentUrl?: string;
  steps: SetupStepView[];
  /** Writes made to the customer's tenant by this run (0 when everything was already right). */
  graphWrites: number;
  problem?: PlainProblem;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
}
