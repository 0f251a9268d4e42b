import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type ConfigureSignInRequest,
  type GetSignInRequest,
  type SignInSettingsView,
} from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { SignInSettingsService } from './sign-in-settings.service';

@Injectable()
export class SignInSettingsHandler {
  constructor(private readonly settings: SignInSettingsService) {}

  @RpcHandler(Subjects.ConfigureSignIn)
  configure(request: ConfigureSignInRequest): Promise<SignInSettingsView> {
    return this.settings.configure(request);
  }

  @RpcHandler(Subjects.GetSignIn)
  get(request: GetSignInRequest): Promise<SignInSettingsView> {
    return this.settings.get(request.instanceAlias);
  }
}
