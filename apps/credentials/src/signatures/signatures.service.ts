import { Injectable, Logger } from '@nestjs/common';
import type {
  SignClientAssertionRequest,
  SignProofOfPossessionRequest,
  SignedJwtReply,
} from '@archive365/contracts';
import { CredentialsError, CredentialsErrorCode } from '../errors';
import { CredentialsRepository, type Signer } from '../store';
import { KeyVaultService } from '../vault';
import { clientAssertion, proofOfPossession, type SignedJwt } from './jwt';

/**
 * JWTs signed with a credential's key, for the services that must prove the application's identity
 * themselves (the sign-in gateway's code redemption, provisioning's key rollover): the key never
 * leaves this service. Every signature is logged with what it is for, never with its content.
 */
@Injectable()
export class SignaturesService {
  private readonly logger = new Logger(SignaturesService.name);

  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly vault: KeyVaultService,
  ) {}

  async clientAssertion(request: SignClientAssertionRequest): Promise<SignedJwtReply> {
    const signer = await this.credentials.activeSigner(request.credentialId);
    const signed = clientAssertion(
      this.keyOf(signer),
      signer.credential.clientId,
      request.audience,
      new Date(),
    );
    this.logged('client assertion', signer, signed, { audience: request.audience });
    return reply(signer, signed);
  }

  async proofOfPossession(request: SignProofOfPossessionRequest): Promise<SignedJwtReply> {
    const signer = request.certificateId
      ? await this.credentials.signer(request.credentialId, request.certificateId)
      : await this.credentials.activeSigner(request.credentialId);
    if (signer.certificate.state === 'retired') {
      throw new CredentialsError(
        CredentialsErrorCode.CertificateNotCurrent,
        `certificate ${signer.certificate.id} is retired and signs nothing any more`,
        {
          field: 'certificateId',
          hint: 'sign with the active certificate, or the pending one of a rotation',
        },
      );
    }
    const signed = proofOfPossession(this.keyOf(signer), request.applicationObjectId, new Date());
    this.logged('proof of possession', signer, signed, { applicationObjectId: request.applicationObjectId });
    return reply(signer, signed);
  }

  private keyOf(signer: Signer): { privateKeyPem: string; certificatePem: string } {
    return {
      privateKeyPem: this.vault.open(signer.sealedPrivateKey, signer.certificate.id),
      certificatePem: signer.certificate.certificatePem,
    };
  }

  private logged(kind: string, signer: Signer, signed: SignedJwt, context: Record<string, string>): void {
    this.logger.log(
      {
        credentialId: signer.credential.id,
        certificateId: signer.certificate.id,
        thumbprintSha256: signer.certificate.thumbprintSha256,
        ...(signed.jti ? { jti: signed.jti } : {}),
        expiresAt: new Date(signed.expiresAt * 1000).toISOString(),
        ...context,
      },
      `Signed a ${kind}`,
    );
  }
}

function reply(signer: Signer, signed: SignedJwt): SignedJwtReply {
  return {
    jwt: signed.jwt,
    thumbprintSha256: signer.certificate.thumbprintSha256,
    expiresAt: new Date(signed.expiresAt * 1000).toISOString(),
  };
}
