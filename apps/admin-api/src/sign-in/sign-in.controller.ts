import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Subjects, type SignInSettingsView } from '@archive365/contracts';
import { RpcClient } from '@archive365/messaging';
import { InstanceRoute } from '../auth/route-access.decorator';
import { InstanceAliasParam } from '../credentials/credentials-http.dto';
import { SignInSettingsBody } from './sign-in-http.dto';
import { SignInSettingsViewSchema } from './sign-in-http.replies';
import { ProblemResponses } from '../openapi/problem-responses';

/** How archive users of an instance sign in with Microsoft: owned by the auth gateway, reached over NATS. */
@ProblemResponses()
@Controller('api/instances/:alias/sign-in')
@InstanceRoute()
export class SignInSettingsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOkResponse({ type: SignInSettingsViewSchema })
  get(@Param() { alias }: InstanceAliasParam): Promise<SignInSettingsView> {
    return this.rpc.send(Subjects.GetSignIn, { instanceAlias: alias });
  }

  @Put()
  @ApiOkResponse({ type: SignInSettingsViewSchema })
  configure(
    @Param() { alias }: InstanceAliasParam,
    @Body() body: SignInSettingsBody,
  ): Promise<SignInSettingsView> {
    return this.rpc.send(Subjects.ConfigureSignIn, { ...body, instanceAlias: alias });
  }
}
