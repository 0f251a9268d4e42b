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

  // One subject per resource: the bus lets each caller reach only the resources declared for it, and
  // the resource comes from the subject, never from the request.
  @RpcHandler(Subjects.AcquireGraphToken)
  acquireGraph(request: AcquireTokenRequest): Promise<AccessTokenReply> {
    return this.tokens.acquire(request, 'graph');
  }

  @RpcHandler(Subjects.AcquireExchangeToken)
  acquireExchange(request: AcquireTokenRequest): Promise<AccessTokenReply> {
    return this.tokens.acquire(request, 'exchange');
  }

  @RpcHandler(Subjects.TestCredential)
  test(request: CredentialRef): Promise<CredentialTestReply> {
    return this.tokens.test(request.credentialId);
  }
}
