import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import {
  Subjects,
  type DoctorRunView,
  type GuideView,
  type LastDoctorRunReply,
  type RenewalView,
  type SetupView,
} from '@archive365/contracts';
import { RpcClient } from '@archive365/messaging';
import { CredentialRoute, InstanceRoute, PublicRoute } from '../auth/route-access.decorator';
import { CredentialIdParam, InstanceAliasParam } from '../credentials/credentials-http.dto';
import {
  AutomaticSetupBody,
  ConsentCallbackQuery,
  ConsentSetupBody,
  DoctorBody,
  GuideQuery,
  ManualSetupBody,
  RenewalBody,
} from './setup-http.dto';
import { consentResultPage } from './consent-result.page';
import {
  DoctorRunViewSchema,
  GuideViewSchema,
  LastDoctorRunReplySchema,
  RenewalViewSchema,
  SetupViewSchema,
} from './setup-http.replies';
import { ProblemResponses } from '../openapi/problem-responses';

/** Longest a forwarded call that talks to Microsoft may take (Graph writes, token requests). */
const MICROSOFT_TIMEOUT_MS = 60_000;

/**
 * The app registration of an instance in the customer's tenant, and its checklist ("the doctor"):
 * owned by the provisioning service, reached over NATS.
 */
@ProblemResponses()
@Controller('api')
export class SetupController {
  constructor(private readonly rpc: RpcClient) {}

  /** Starts (or repairs) the app registration; answers at once with the device code to sign in with. */
  @Post('instances/:alias/setup/automatic')
  @InstanceRoute()
  @ApiCreatedResponse({ type: SetupViewSchema })
  automatic(@Param() { alias }: InstanceAliasParam, @Body() body: AutomaticSetupBody): Promise<SetupView> {
    return this.rpc.send(
      Subjects.StartAutomaticSetup,
      { ...body, instanceAlias: alias },
      { timeoutMs: MICROSOFT_TIMEOUT_MS },
    );
  }

  /** Answers the admin consent link the customer's administrator opens. */
  @Post('instances/:alias/setup/consent')
  @InstanceRoute()
  @ApiCreatedResponse({ type: SetupViewSchema })
  consent(@Param() { alias }: InstanceAliasParam, @Body() body: ConsentSetupBody): Promise<SetupView> {
    return this.rpc.send(Subjects.StartConsentSetup, { ...body, instanceAlias: alias });
  }

  @Post('instances/:alias/setup/manual')
  @InstanceRoute()
  @ApiCreatedResponse({ type: SetupViewSchema })
  manual(@Param() { alias }: InstanceAliasParam, @Body() body: ManualSetupBody): Promise<SetupView> {
    return this.rpc.send(Subjects.StartManualSetup, { ...body, instanceAlias: alias });
  }

  /** The latest setup: state, steps, and the device code or consent link while it waits. */
  @Get('instances/:alias/setup')
  @InstanceRoute()
  @ApiOkResponse({ type: SetupViewSchema })
  get(@Param() { alias }: InstanceAliasParam): Promise<SetupView> {
    return this.rpc.send(Subjects.GetSetup, { instanceAlias: alias });
  }

  /** The manual guide, with this instance's own values filled in. */
  @Get('instances/:alias/setup/guide')
  @InstanceRoute()
  @ApiOkResponse({ type: GuideViewSchema })
  guide(@Param() { alias }: InstanceAliasParam, @Query() query: GuideQuery): Promise<GuideView> {
    return this.rpc.send(Subjects.Guide, { ...query, instanceAlias: alias });
  }

  /**
   * Where Microsoft's admin consent page sends the customer's administrator back. Public: that person
   * is not one of ours; the `state` the link carried ties the answer to the setup that made it.
   */
  @Get('setup/consent/callback')
  @PublicRoute()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({
    description: "The page the customer's administrator lands on after consenting, in plain words",
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  async consentCallback(@Query() query: ConsentCallbackQuery): Promise<string> {
    const setup = await this.rpc.send(
      Subjects.CompleteConsent,
      {
        state: query.state,
        adminConsent: query.admin_consent,
        tenant: query.tenant,
        error: query.error,
        errorDescription: query.error_description,
      },
      { timeoutMs: MICROSOFT_TIMEOUT_MS },
    );
    return consentResultPage(setup);
  }

  /** Runs every check of the app registration now (token, permissions, consent, sign-in, mailboxes). */
  @Post('instances/:alias/doctor')
  @HttpCode(200)
  @InstanceRoute()
  @ApiOkResponse({ type: DoctorRunViewSchema })
  doctor(@Param() { alias }: InstanceAliasParam, @Body() body: DoctorBody): Promise<DoctorRunView> {
    return this.rpc.send(
      Subjects.RunDoctor,
      { ...body, instanceAlias: alias },
      { timeoutMs: MICROSOFT_TIMEOUT_MS },
    );
  }

  @Get('instances/:alias/doctor/last')
  @InstanceRoute()
  @ApiOkResponse({ type: LastDoctorRunReplySchema })
  lastDoctorRun(@Param() { alias }: InstanceAliasParam): Promise<LastDoctorRunReply> {
    return this.rpc.send(Subjects.LastDoctorRun, { instanceAlias: alias });
  }

  /** Renews the credential's certificate on its app registration now (otherwise at 60 days before expiry). */
  @Post('credentials/:id/renewal')
  @CredentialRoute()
  @ApiCreatedResponse({ type: RenewalViewSchema })
  renew(@Param() { id }: CredentialIdParam, @Body() body: RenewalBody): Promise<RenewalView> {
    return this.rpc.send(
      Subjects.StartRenewal,
      { credentialId: id, applicationObjectId: body.applicationObjectId },
      { timeoutMs: MICROSOFT_TIMEOUT_MS },
    );
  }

  @Get('credentials/:id/renewal')
  @CredentialRoute()
  @ApiOkResponse({ type: RenewalViewSchema })
  renewal(@Param() { id }: CredentialIdParam): Promise<RenewalView> {
    return this.rpc.send(Subjects.GetRenewal, { credentialId: id });
  }
}
