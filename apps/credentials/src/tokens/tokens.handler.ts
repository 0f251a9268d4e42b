import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type AccessTokenReply,
  type AcquireTokenRequest,
  type CredentialRef,
  type CredentialTestReply,
} from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { TokensService } from './tokens.service';

/** Token subjects: one call each into the tokens service. */
@Injectable()
export class TokensHandler {
  constructor(private readonly tokens: TokensService) {}

  @RpcHandler(Subjects.AcquireToken)
  acquire(request: AcquireTokenRequest): Promise<AccessTokenReply> {
    return this.tokens.acquire(request);
  }

  @RpcHandler(Subjects.TestCredential)
  test(request: CredentialRef): Promise<CredentialTestReply> {
    return this.tokens.test(request.credentialId);
  }
}
