import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  CertificateFile,
  CertificateOptions,
  CreateCredentialRequest,
  CredentialView,
  DownloadCertificateRequest,
  ImportCredentialRequest,
  UpdateCredentialRequest,
} from '@archive365/contracts';
import type { EntityManager } from 'typeorm';
import {
  generateCertificate,
  importCertificate,
  type CertificateImport,
  type CertificateMaterial,
} from '../certificates';
import { CredentialsError, CredentialsErrorCode } from '../errors/credentials.error';
import { translatingDomainErrors } from '../errors/from-domain-errors';
import { InstancesService } from '../instances/instances.service';
import { TokenProvider } from '../tokens/token-provider';
import { KeyVaultService } from '../vault/key-vault.service';
import { Certificate } from './certificate.entity';
import { Credential } from './credential.entity';
import { CredentialStore } from './credential-store';
import { CredentialUsage } from './credential-usage';

@Injectable()
export class CredentialsService {
  constructor(
    private readonly store: CredentialStore,
    private readonly instances: InstancesService,
    private readonly vault: KeyVaultService,
    private readonly tokens: TokenProvider,
    private readonly usage: CredentialUsage,
  ) {}

  async create(request: CreateCredentialRequest): Promise<CredentialView> {
    const instance = await this.instances.findByAlias(request.instanceAlias, 'instanceAlias');
    const material = await translatingDomainErrors(() => newCertificate(request.name, request.certificate));
    return this.insert(instance.id, request, material, 'generated');
  }

  async import(request: ImportCredentialRequest): Promise<CredentialView> {
    const instance = await this.instances.findByAlias(request.instanceAlias, 'instanceAlias');
    const source = importSource(request);
    const material = await translatingDomainErrors(() => importCertificate(source));
    return this.insert(instance.id, request, material, 'imported');
  }

  async list(instanceAlias: string): Promise<CredentialView[]> {
    return this.store.listForInstance(await this.instances.findByAlias(instanceAlias, 'instanceAlias'));
  }

  get(credentialId: string): Promise<CredentialView> {
    return this.store.view(credentialId);
  }

  async update(request: UpdateCredentialRequest): Promise<CredentialView> {
    const { credential } = await this.store.load(request.credentialId);
    const changes = { name: request.name, clientId: request.clientId, tenantId: request.tenantId };
    await this.store.dataSource.getRepository(Credential).update(
      { id: credential.id },
      {
        ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
        updatedAt: new Date().toISOString(),
      },
    );
    // Tokens were issued for the old app or tenant.
    this.tokens.forget(credential.id);
    return this.store.view(credential.id);
  }

  async delete(credentialId: string): Promise<{ deleted: true }> {
    await this.store.load(credentialId);
    await this.usage.assertUnused(credentialId);
    await this.store.dataSource.transaction(async (manager) => {
      await manager.getRepository(Certificate).delete({ credentialId });
      await manager.getRepository(Credential).delete({ id: credentialId });
    });
    this.tokens.forget(credentialId);
    return { deleted: true };
  }

  async download(request: DownloadCertificateRequest): Promise<CertificateFile> {
    const { credential, certificates } = await this.store.load(request.credentialId);
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

  private async insert(
    instanceId: string,
    identity: { name: string; clientId: string; tenantId: string },
    material: CertificateMaterial,
    source: Certificate['source'],
  ): Promise<CredentialView> {
    const now = new Date().toISOString();
    const credentialId = randomUUID();
    return this.store.dataSource.transaction(async (manager) => {
      await manager.getRepository(Credential).insert({
        id: credentialId,
        instanceId,
        name: identity.name,
        clientId: identity.clientId,
        tenantId: identity.tenantId,
        createdAt: now,
        updatedAt: now,
      });
      await this.insertCertificate(manager, credentialId, material, source, 'active');
      return this.store.view(credentialId, manager);
    });
  }

  /** Stores a certificate with its private key sealed; the plaintext key is never written anywhere. */
  async insertCertificate(
    manager: EntityManager,
    credentialId: string,
    material: CertificateMaterial,
    source: Certificate['source'],
    state: Certificate['state'],
  ): Promise<string> {
    const id = randomUUID();
    const now = new Date().toISOString();
    await manager.getRepository(Certificate).insert({
      id,
      credentialId,
      state,
      source,
      subject: material.subject,
      keySize: material.keySize,
      thumbprintSha1: material.thumbprintSha1,
      thumbprintSha256: material.thumbprintSha256,
      serialNumber: material.serialNumber,
      certificatePem: material.certificatePem,
      sealedPrivateKey: this.vault.seal(material.privateKeyPem, id),
      notBefore: material.notBefore.toISOString(),
      notAfter: material.notAfter.toISOString(),
      provenAt: null,
      changedAt: now,
      createdAt: now,
      expiryNotices: '',
    });
    return id;
  }
}

export function newCertificate(
  credentialName: string,
  options: CertificateOptions = {},
): Promise<CertificateMaterial> {
  return generateCertificate({
    commonName: credentialName,
    keySize: options.keySize,
    validityMonths: options.validityMonths,
  });
}

function importSource(request: ImportCredentialRequest): CertificateImport {
  const hasPem = Boolean(request.certificatePem || request.privateKeyPem);
  if (request.pfxBase64 && hasPem) {
    throw rejected(
      'give either pfxBase64 (with pfxPassword) or certificatePem with privateKeyPem, not both',
      'pfxBase64',
    );
  }
  if (request.pfxBase64) {
    return {
      format: 'pfx',
      pfx: Buffer.from(request.pfxBase64, 'base64'),
      password: request.pfxPassword ?? '',
    };
  }
  if (!request.certificatePem || !request.privateKeyPem) {
    throw rejected(
      'an import needs certificatePem and privateKeyPem (PEM), or pfxBase64 with pfxPassword (PFX)',
      request.certificatePem ? 'privateKeyPem' : 'certificatePem',
    );
  }
  return {
    format: 'pem',
    certificatePem: request.certificatePem,
    privateKeyPem: request.privateKeyPem,
    passphrase: request.privateKeyPassphrase,
  };
}

function rejected(message: string, field: string): CredentialsError {
  return new CredentialsError(CredentialsErrorCode.CertificateRejected, message, { field });
}

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, ''), 'base64');
}
