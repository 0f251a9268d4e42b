import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  Subjects,
  type CertificateFile,
  type CredentialTestReply,
  type CredentialView,
  type InstanceView,
  type SignedJwtReply,
} from '@archive365/contracts';
import { RpcCallError, RpcClient } from '@archive365/messaging';
import { ProvisioningError, ProvisioningErrorCode } from '../errors/provisioning.error';

/** The nil GUID: the client id of a credential made before its app registration exists. */
export const NO_CLIENT_ID = '00000000-0000-0000-0000-000000000000';

/**
 * What provisioning asks the credentials service: instances, credentials, the certificate's public
 * part, tests, rotation steps and signatures. The private key never leaves that service.
 */
@Injectable()
export class CredentialsClient {
  constructor(private readonly rpc: RpcClient) {}

  instance(alias: string): Promise<InstanceView> {
    return this.call(() => this.rpc.send(Subjects.GetInstance, { alias }));
  }

  credential(credentialId: string): Promise<CredentialView> {
    return this.call(() => this.rpc.send(Subjects.GetCredential, { credentialId }));
  }

  /** The provider's own credentials (its multi-tenant apps), which belong to no instance. */
  providerCredentials(): Promise<CredentialView[]> {
    return this.call(() => this.rpc.send(Subjects.ListProviderCredentials, {}));
  }

  create(instanceAlias: string, name: string, tenantId: string): Promise<CredentialView> {
    return this.call(() =>
      this.rpc.send(
        Subjects.CreateCredential,
        { instanceAlias, name, clientId: NO_CLIENT_ID, tenantId },
        { timeoutMs: 30_000 },
      ),
    );
  }

  writeIds(credentialId: string, clientId: string, tenantId: string): Promise<CredentialView> {
    return this.call(() => this.rpc.send(Subjects.UpdateCredential, { credentialId, clientId, tenantId }));
  }

  publicCertificate(credentialId: string, which: 'active' | 'pending' = 'active'): Promise<CertificateFile> {
    return this.call(() =>
      this.rpc.send(Subjects.DownloadCertificate, { credentialId, format: 'der', which }),
    );
  }

  /** A fresh token request (no cache); Entra's refusals come back as RpcCallError with the AADSTS reason. */
  test(credentialId: string): Promise<CredentialTestReply> {
    return this.rpc.send(Subjects.TestCredential, { credentialId }, { timeoutMs: 30_000 });
  }

  startRotation(credentialId: string): Promise<CredentialView> {
    return this.rpc.send(Subjects.StartRotation, { credentialId }, { timeoutMs: 60_000 });
  }

  completeRotation(credentialId: string): Promise<CredentialView> {
    return this.rpc.send(Subjects.CompleteRotation, { credentialId }, { timeoutMs: 30_000 });
  }

  retire(credentialId: string): Promise<CredentialView> {
    return this.rpc.send(Subjects.RetireCertificate, { credentialId });
  }

  proofOfPossession(
    credentialId: string,
    applicationObjectId: string,
    certificateId?: string,
  ): Promise<SignedJwtReply> {
    return this.rpc.send(Subjects.SignProofOfPossession, {
      credentialId,
      applicationObjectId,
      ...(certificateId ? { certificateId } : {}),
    });
  }

  /** Turns "not found" into our own error, and a silent credentials service into a clear one. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof RpcCallError && error.body.code === ErrorCode.NotFound) {
        throw new ProvisioningError(ProvisioningErrorCode.ReferenceNotFound, error.body.message, {
          hint: error.body.hint ?? 'check the instance alias and credential id',
        });
      }
      if (error instanceof RpcCallError && error.body.code === ErrorCode.ValidationFailed) {
        throw new ProvisioningError(ProvisioningErrorCode.StateConflict, error.body.message, {
          ...(error.body.field ? { field: error.body.field } : {}),
          ...(error.body.hint ? { hint: error.body.hint } : {}),
        });
      }
      if (error instanceof RpcCallError) {
        throw new ProvisioningError(
          ProvisioningErrorCode.CredentialsUnavailable,
          `the credentials service could not answer: ${error.body.message}`,
          { hint: 'check that the credentials service is running, then try again' },
        );
      }
      throw error;
    }
  }
}
