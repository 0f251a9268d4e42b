import { Inject, Injectable } from '@nestjs/common';
import type { AccessTokenReply, AcquireTokenRequest, CredentialTestReply } from '@archive365/contracts';
import { CREDENTIALS_CONFIG, type CredentialsConfig } from '../app/credentials.config';
import { CredentialStore } from '../credentials/credential-store';
import { translatingDomainErrors } from '../errors/from-domain-errors';
import { TokenIdentityFactory } from './token-identity.factory';
import { TokenProvider } from './token-provider';

@Injectable()
export class TokensService {
  constructor(
    @Inject(CREDENTIALS_CONFIG) private readonly config: CredentialsConfig,
    private readonly store: CredentialStore,
    private readonly identities: TokenIdentityFactory,
    private readonly provider: TokenProvider,
  ) {}

  /** A token signed for with the credential's active certificate (cached, single-flight). */
  async acquire(request: AcquireTokenRequest): Promise<AccessTokenReply> {
    const { credential, certificate } = await this.store.activeSigner(request.credentialId);
    const token = await translatingDomainErrors(() =>
      this.provider.token(this.identities.for(credential, certificate), request.scope),
    );
    return { accessToken: token.token, expiresOn: new Date(token.expiresOnTimestamp).toISOString() };
  }

  /**
   * Tests the credential as it is now (no cache: a certificate removed a minute ago must fail), and
   * reports the token's application permissions: Entra issues a token even without admin consent,
   * only without `roles`, so a setup check must read them.
   */
  async test(credentialId: string): Promise<CredentialTestReply> {
    const { credential, certificate } = await this.store.activeSigner(credentialId);
    const token = await translatingDomainErrors(() =>
      this.provider.prove(this.identities.for(credential, certificate), this.config.PROOF_SCOPE),
    );
    return {
      ok: true,
      roles: rolesOf(token.token),
      expiresOn: new Date(token.expiresOnTimestamp).toISOString(),
    };
  }
}

/** The `roles` claim of an access token Entra just issued to us (read, not verified: we are its client). */
function rolesOf(accessToken: string): string[] {
  try {
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      roles?: unknown;
    };
    return Array.isArray(claims.roles)
      ? claims.roles.filter((role): role is string => typeof role === 'string')
      : [];
  } catch {
    return [];
  }
}
