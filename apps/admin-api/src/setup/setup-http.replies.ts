import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DIRECTORY_ACCESS,
  MAIL_ACCESS,
  RENEWAL_STEPS,
  SETUP_MODES,
  type DeviceCodePrompt,
  type DirectoryAccess,
  type DoctorCheckOutcome,
  type DoctorCheckView,
  type DoctorRunView,
  type EffectiveSetupOptions,
  type GuideStep,
  type GuideView,
  type LastDoctorRunReply,
  type MailAccess,
  type PlainProblem,
  type RenewalState,
  type RenewalView,
  type SetupMode,
  type SetupState,
  type SetupStepState,
  type SetupStepView,
  type SetupView,
} from '@archive365/contracts';
import { everyValueOf, ReplySchema } from '../openapi/reply-schema';

@ReplySchema<PlainProblem>('PlainProblem', 'A problem put in plain words, with the exact fix')
export class PlainProblemSchema implements PlainProblem {
  @ApiProperty({ description: "Our code, or Microsoft's (`AADSTS700027`, `Authorization_RequestDenied`)" })
  code!: string;

  @ApiProperty()
  message!: string;

  @ApiProperty()
  fix!: string;
}

@ReplySchema<SetupStepView>('SetupStepView')
export class SetupStepViewSchema implements SetupStepView {
  @ApiProperty()
  name!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: everyValueOf<SetupStepState>()('pending', 'done', 'failed', 'skipped') })
  state!: SetupStepState;

  @ApiProperty({ description: 'True when this step wrote to the app registration' })
  changed!: boolean;

  @ApiPropertyOptional()
  detail?: string;

  @ApiPropertyOptional({ type: () => PlainProblemSchema })
  problem?: PlainProblemSchema;
}

@ReplySchema<DeviceCodePrompt>('DeviceCodePrompt', 'What the administrator enters where')
export class DeviceCodePromptSchema implements DeviceCodePrompt {
  @ApiProperty()
  userCode!: string;

  @ApiProperty({ format: 'uri' })
  verificationUri!: string;

  @ApiProperty({ description: "Microsoft's own instruction text" })
  message!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

@ReplySchema<EffectiveSetupOptions>('EffectiveSetupOptions', 'The setup options with their defaults applied')
export class EffectiveSetupOptionsSchema implements EffectiveSetupOptions {
  @ApiProperty({ enum: [...DIRECTORY_ACCESS] })
  directoryAccess!: DirectoryAccess;

  @ApiProperty({ enum: [...MAIL_ACCESS] })
  mailAccess!: MailAccess;

  @ApiProperty()
  legacyEws!: boolean;

  @ApiProperty()
  idTokens!: boolean;

  @ApiPropertyOptional({ format: 'uri' })
  addInOrigin?: string;
}

@ReplySchema<SetupView>('SetupView', "A run of the app registration's setup")
export class SetupViewSchema implements SetupView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  instanceAlias!: string;

  @ApiProperty({ enum: [...SETUP_MODES] })
  mode!: SetupMode;

  @ApiProperty({
    enum: everyValueOf<SetupState>()(
      'running',
      'waiting-for-sign-in',
      'waiting-for-consent',
      'succeeded',
      'failed',
      'interrupted',
    ),
  })
  state!: SetupState;

  @ApiProperty({ type: () => EffectiveSetupOptionsSchema })
  options!: EffectiveSetupOptionsSchema;

  @ApiPropertyOptional({ format: 'uuid' })
  credentialId?: string;

  @ApiPropertyOptional()
  tenantId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  clientId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  applicationObjectId?: string;

  @ApiPropertyOptional({ type: () => DeviceCodePromptSchema, description: 'While `waiting-for-sign-in`' })
  signIn?: DeviceCodePromptSchema;

  @ApiPropertyOptional({
    format: 'uri',
    description: "While `waiting-for-consent`: the link the customer's administrator opens",
  })
  consentUrl?: string;

  @ApiProperty({ type: () => [SetupStepViewSchema] })
  steps!: SetupStepViewSchema[];

  @ApiProperty({ type: 'integer', description: "Writes made to the customer's tenant by this run" })
  graphWrites!: number;

  @ApiPropertyOptional({ type: () => PlainProblemSchema })
  problem?: PlainProblemSchema;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  finishedAt?: string;
}

@ReplySchema<GuideStep>('GuideStep')
export class GuideStepSchema implements GuideStep {
  @ApiProperty()
  title!: string;

  @ApiProperty({ description: 'Plain-words instructions' })
  text!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Exact values to enter, by label (redirect URI, permission names, ...)',
  })
  values?: Record<string, string>;

  @ApiPropertyOptional({ description: 'PowerShell to run, when the step needs it' })
  powershell?: string;

  @ApiPropertyOptional()
  warning?: string;
}

@ReplySchema<GuideView>('GuideView', 'The manual setup guide, with the exact values')
export class GuideViewSchema implements GuideView {
  @ApiProperty()
  instanceAlias!: string;

  @ApiProperty({ format: 'uuid' })
  credentialId!: string;

  @ApiProperty({ format: 'uri' })
  redirectUri!: string;

  @ApiProperty({ description: 'File name of the certificate to upload' })
  certificateFileName!: string;

  @ApiProperty()
  certificateThumbprintSha1!: string;

  @ApiProperty({ type: () => [GuideStepSchema] })
  steps!: GuideStepSchema[];
}

@ReplySchema<DoctorCheckView>('DoctorCheckView')
export class DoctorCheckViewSchema implements DoctorCheckView {
  @ApiProperty({ description: 'Stable name, e.g. `redirect-uri`, `permission:User.Read.All`' })
  name!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: everyValueOf<DoctorCheckOutcome>()('pass', 'fail', 'warn', 'skip') })
  outcome!: DoctorCheckOutcome;

  @ApiProperty({ description: 'What was found, in plain words' })
  detail!: string;

  @ApiPropertyOptional({ type: () => PlainProblemSchema })
  problem?: PlainProblemSchema;
}

@ReplySchema<DoctorRunView>('DoctorRunView', 'A run of the doctor: every check of the app registration')
export class DoctorRunViewSchema implements DoctorRunView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  instanceAlias!: string;

  @ApiProperty({ format: 'uuid' })
  credentialId!: string;

  @ApiProperty({ description: 'True when no check failed (warnings allowed)' })
  ok!: boolean;

  @ApiProperty({ type: () => [DoctorCheckViewSchema] })
  checks!: DoctorCheckViewSchema[];

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ format: 'date-time' })
  finishedAt!: string;
}

@ReplySchema<LastDoctorRunReply>('LastDoctorRunReply')
export class LastDoctorRunReplySchema implements LastDoctorRunReply {
  @ApiPropertyOptional({ type: () => DoctorRunViewSchema })
  run?: DoctorRunViewSchema;

  @ApiPropertyOptional({ type: 'integer', description: 'Seconds since the last run finished' })
  ageSeconds?: number;
}

@ReplySchema<RenewalView>('RenewalView', "A renewal of a credential's certificate")
export class RenewalViewSchema implements RenewalView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  credentialId!: string;

  @ApiPropertyOptional({
    description: "The instance; absent for the provider's multi-tenant app, which belongs to none",
  })
  instanceAlias?: string;

  @ApiProperty({ enum: everyValueOf<RenewalState>()('running', 'succeeded', 'failed') })
  state!: RenewalState;

  @ApiProperty({
    enum: [...RENEWAL_STEPS, 'done'],
    description: 'The next step to run (or the one that failed)',
  })
  step!: RenewalView['step'];

  @ApiProperty({ enum: everyValueOf<RenewalView['trigger']>()('expiring', 'request') })
  trigger!: RenewalView['trigger'];

  @ApiPropertyOptional({ format: 'uuid' })
  oldCertificateId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  newCertificateId?: string;

  @ApiPropertyOptional({ type: () => PlainProblemSchema })
  problem?: PlainProblemSchema;

  @ApiProperty({ type: 'integer' })
  attempts!: number;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  finishedAt?: string;
}
