import { Injectable } from '@nestjs/common';
import type { AccessTokenReply, AcquireTokenRequest } from '@archive365/contracts';
import { CredentialStore } from '../credentials/credential-store';
import { translatingDomainErrors } from '../errors/from-domain-errors';
import { TokenIdentityFactory } from './token-identity.factory';
import { TokenProvider } from './token-provider';

@Injectable()
export class TokensService {
  constructor(
    private readonly store: CredentialStore,
    private readonly identities: TokenIdentityFactory,
    private readonly provider: TokenProvider,
  ) {}

  /** A token signed for with the credential's active certificate (cached, single-flight). */
  async acquire(request: AcquireTokenRequest): Promise<AccessTokenReply> {
    const { credential, certificate } = await this.store.activeSigner(request.credentialId);
    const token = await translatingDomainErrors(() => this.provider.token(this.identities.for(credential, certificate), request.scope));
    return { accessToken: token.token, expiresOn: new Date(token.expiresOnTimestamp).toISOString() };
  }
}
