import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type AccessTokenReply,
  type AcquireTokenRequest,
  type CertificateFile,
  type CreateCredentialRequest,
  type CredentialRef,
  type CredentialTestReply,
  type CredentialView,
  type DeletedReply,
  type DownloadCertificateRequest,
  type SealedImportCredentialRequest,
  type ListCredentialsRequest,
  type StartRotationRequest,
  type UpdateCredentialRequest,
} from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { ImportSealingService } from '../import-sealing';
import { RotationService } from '../rotation/rotation.service';
import { TokensService } from '../tokens/tokens.service';
import { CredentialsService } from './credentials.service';

/** The credentials service's request subjects: one call each into the services that do the work. */
@Injectable()
export class CredentialsHandler {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly rotation: RotationService,
    private readonly tokens: TokensService,
    private readonly sealing: ImportSealingService,
  ) {}

  @RpcHandler(Subjects.CreateCredential)
  create(request: CreateCredentialRequest): Promise<CredentialView> {
    return this.credentials.create(request);
  }

  @RpcHandler(Subjects.ImportCredential)
  async import(request: SealedImportCredentialRequest): Promise<CredentialView> {
    return this.credentials.import(await this.sealing.open(request));
  }

  @RpcHandler(Subjects.ListCredentials)
  list(request: ListCredentialsRequest): Promise<CredentialView[]> {
    return this.credentials.list(request.instanceAlias);
  }

  @RpcHandler(Subjects.GetCredential)
  get(request: CredentialRef): Promise<CredentialView> {
    return this.credentials.get(request.credentialId);
  }

  @RpcHandler(Subjects.UpdateCredential)
  update(request: UpdateCredentialRequest): Promise<CredentialView> {
    return this.credentials.update(request);
  }

  @RpcHandler(Subjects.DeleteCredential)
  delete(request: CredentialRef): Promise<DeletedReply> {
    return this.credentials.delete(request.credentialId);
  }

  @RpcHandler(Subjects.DownloadCertificate)
  download(request: DownloadCertificateRequest): Promise<CertificateFile> {
    return this.credentials.download(request);
  }

  @RpcHandler(Subjects.StartRotation)
  startRotation(request: StartRotationRequest): Promise<CredentialView> {
    return this.rotation.start(request.credentialId, request.certificate);
  }

  @RpcHandler(Subjects.CompleteRotation)
  completeRotation(request: CredentialRef): Promise<CredentialView> {
    return this.rotation.complete(request.credentialId);
  }

  @RpcHandler(Subjects.RetireCertificate)
  retire(request: CredentialRef): Promise<CredentialView> {
    return this.rotation.retire(request.credentialId);
  }

  @RpcHandler(Subjects.AbortRotation)
  abortRotation(request: CredentialRef): Promise<CredentialView> {
    return this.rotation.abort(request.credentialId);
  }

  @RpcHandler(Subjects.TestCredential)
  test(request: CredentialRef): Promise<CredentialTestReply> {
    return this.tokens.test(request.credentialId);
  }

  @RpcHandler(Subjects.AcquireToken)
  acquireToken(request: AcquireTokenRequest): Promise<AccessTokenReply> {
    return this.tokens.acquire(request);
  }
}
