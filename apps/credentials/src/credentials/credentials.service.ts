import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  CertificateFile,
  CreateCredentialRequest,
  CredentialView,
  DownloadCertificateRequest,
  ImportCredentialRequest,
  UpdateCredentialRequest,
} from '@archive365/contracts';
import { importCertificate, newCertificateFor, type CertificateMaterial } from '../certificates';
import { CredentialsError, CredentialsErrorCode } from '../errors';
import { InstancesService } from '../instances';
import { CredentialsRepository, type Certificate } from '../store';
import { TokensService } from '../tokens';
import { KeyVaultService } from '../vault';
import { CredentialUsage } from './credential-usage';
import { importSource } from './import-source';

/** Credentials of an instance: created with a new certificate or imported, edited, deleted, downloaded. */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly instances: InstancesService,
    private readonly vault: KeyVaultService,
    private readonly tokens: TokensService,
    private readonly usage: CredentialUsage,
  ) {}

  async create(request: CreateCredentialRequest): Promise<CredentialView> {
    const instance = await this.instances.findByAlias(request.instanceAlias, 'instanceAlias');
    const material = await newCertificateFor(request.name, request.certificate);
    return this.insert(instance.id, request, material, 'generated');
  }

  async import(request: ImportCredentialRequest): Promise<CredentialView> {
    const instance = await this.instances.findByAlias(request.instanceAlias, 'instanceAlias');
    const material = await importCertificate(importSource(request));
    return this.insert(instance.id, request, material, 'imported');
  }

  async list(instanceAlias: string): Promise<CredentialView[]> {
    return this.credentials.listForInstance(await this.instances.findByAlias(instanceAlias, 'instanceAlias'));
  }

  get(credentialId: string): Promise<CredentialView> {
    return this.credentials.view(credentialId);
  }

  async update(request: UpdateCredentialRequest): Promise<CredentialView> {
    const view = await this.credentials.rename(request.credentialId, {
      name: request.name,
      clientId: request.clientId,
      tenantId: request.tenantId,
    });
    // Tokens were issued for the old app or tenant.
    this.tokens.forget(request.credentialId);
    return view;
  }

  async delete(credentialId: string): Promise<{ deleted: true }> {
    await this.credentials.load(credentialId);
    await this.usage.assertUnused(credentialId);
    await this.credentials.deleteWithCertificates(credentialId);
    this.tokens.forget(credentialId);
    return { deleted: true };
  }

  async download(request: DownloadCertificateRequest): Promise<CertificateFile> {
    const { credential, certificates } = await this.credentials.load(request.credentialId);
    const which = request.which ?? 'active';
    const certificate = certificates.find((c) => c.state === which);
    if (!certificate) {
      throw new CredentialsError(
        CredentialsErrorCode.RotationStepInvalid,
        `the credential has no ${which} certificate`,
        {
          field: 'which',
          hint: which === 'pending' ? 'start a rotation to create the next certificate' : undefined,
        },
      );
    }
    const baseName = `${credential.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'credential'}-${certificate.thumbprintSha1.slice(0, 8)}`;
    const pem = request.format === 'pem';
    return {
      fileName: `${baseName}.${pem ? 'pem' : 'cer'}`,
      contentType: pem ? 'application/x-pem-file' : 'application/pkix-cert',
      contentBase64: pem
        ? Buffer.from(certificate.certificatePem).toString('base64')
        : pemToDer(certificate.certificatePem).toString('base64'),
      thumbprintSha1: certificate.thumbprintSha1,
      thumbprintSha256: certificate.thumbprintSha256,
    };
  }

  private insert(
    instanceId: string,
    identity: { name: string; clientId: string; tenantId: string },
    material: CertificateMaterial,
    source: Certificate['source'],
  ): Promise<CredentialView> {
    const now = new Date().toISOString();
    const credentialId = randomUUID();
    return this.credentials.createWithCertificate(
      {
        id: credentialId,
        instanceId,
        name: identity.name,
        clientId: identity.clientId,
        tenantId: identity.tenantId,
        createdAt: now,
        updatedAt: now,
      },
      this.vault.sealedCertificate(credentialId, material, source, 'active'),
    );
  }
}

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, ''), 'base64');
}
