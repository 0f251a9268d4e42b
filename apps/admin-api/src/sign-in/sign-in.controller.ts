import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { Subjects, type SignInSettingsView } from '@archive365/contracts';
import { RpcClient } from '@archive365/messaging';
import { InstanceRoute } from '../auth/route-access.decorator';
import { InstanceAliasParam } from '../credentials/credentials-http.dto';
import { SignInSettingsBody } from './sign-in-http.dto';

/** How archive users of an instance sign in with Microsoft: owned by the auth gateway, reached over NATS. */
@Controller('api/instances/:alias/sign-in')
@InstanceRoute()
export class SignInSettingsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  get(@Param() { alias }: InstanceAliasParam): Promise<SignInSettingsView> {
    return this.rpc.send(Subjects.GetSignIn, { instanceAlias: alias });
  }

  @Put()
  configure(
    @Param() { alias }: InstanceAliasParam,
    @Body() body: SignInSettingsBody,
  ): Promise<SignInSettingsView> {
    return this.rpc.send(Subjects.ConfigureSignIn, { ...body, instanceAlias: alias });
  }
}
