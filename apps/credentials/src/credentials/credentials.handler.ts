import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type CertificateFile,
  type CreateCredentialRequest,
  type CreateProviderCredentialRequest,
  type CredentialRef,
  type CredentialView,
  type DeletedReply,
  type DownloadCertificateRequest,
  type SealedImportCredentialRequest,
  type ListCredentialsRequest,
  type ListProviderCredentialsRequest,
  type UpdateCredentialRequest,
} from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { ImportSealingService } from '../import-sealing';
import { CredentialsService } from './credentials.service';

/** Credential subjects: one call each into the credentials service. */
@Injectable()
export class CredentialsHandler {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly sealing: ImportSealingService,
  ) {}

  @RpcHandler(Subjects.CreateCredential)
  create(request: CreateCredentialRequest): Promise<CredentialView> {
    return this.credentials.create(request);
  }

  @RpcHandler(Subjects.CreateProviderCredential)
  createForProvider(request: CreateProviderCredentialRequest): Promise<CredentialView> {
    return this.credentials.createForProvider(request);
  }

  @RpcHandler(Subjects.ListProviderCredentials)
  listForProvider(request: ListProviderCredentialsRequest): Promise<CredentialView[]> {
    return this.credentials.listForProvider(request);
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
}
