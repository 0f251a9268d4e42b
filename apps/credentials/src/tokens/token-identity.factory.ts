import { Injectable } from '@nestjs/common';
import type { Certificate } from '../credentials/certificate.entity';
import type { Credential } from '../credentials/credential.entity';
import { CredentialStore } from '../credentials/credential-store';
import { KeyVaultService } from '../vault/key-vault.service';
import type { TokenIdentity } from './token-provider';

/** Pairs a credential with one of its certificates for the token provider; the key opens lazily. */
@Injectable()
export class TokenIdentityFactory {
  constructor(
    private readonly store: CredentialStore,
    private readonly vault: KeyVaultService,
  ) {}

  for(credential: Credential, certificate: Certificate): TokenIdentity {
    return {
      credentialId: credential.id,
      certificateId: certificate.id,
      tenantId: credential.tenantId,
      clientId: credential.clientId,
      thumbprintSha1: certificate.thumbprintSha1,
      certificatePem: certificate.certificatePem,
      openPrivateKey: async () =>
        this.vault.open(await this.store.sealedKeyOf(certificate.id), certificate.id),
    };
  }
}
