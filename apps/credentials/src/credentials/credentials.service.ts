import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type {
  CertificateFile,
  CreateCredentialRequest,
  CreateProviderCredentialRequest,
  CredentialView,
  DownloadCertificateRequest,
  ImportCredentialRequest,
  ListProviderCredentialsRequest,
  UpdateCredentialRequest,
} from '@archive365/contracts';
import { importCertificate, newCertificateFor, type CertificateMaterial } from '../certificates';
import { CredentialsError, CredentialsErrorCode } from '../errors';
import { InstancesService } from '../instances';
import { CREDENTIALS_CONFIG, type CredentialsConfig } from '../config';
import { CredentialsRepository, type Certificate, type Credential } from '../store';
import { TokensService } from '../tokens';
import { KeyVaultService } from '../vault';
import { CredentialUsage } from './credential-usage';
import { importSource } from './import-source';

/**
 * Credentials of an instance, and the provider's own (its multi-tenant app, owned by no instance):
 * created with a new certificate or imported, edited, deleted, downloaded.
 */
@Injectable()
export class CredentialsService {
  constructor(
    @Inject(CREDENTIALS_CONFIG) private readonly config: CredentialsConfig,
    private readonly credentials: CredentialsRepository,
    private readonly instances: InstancesService,
    private readonly vault: KeyVaultService,
    private readonly tokens: TokensService,
    private readonly usage: CredentialUsage,
  ) {}

  /**
   * A credential with a new certificate. With an idempotency key, a retry (after a timeout, say)
   * answers the credential the first request created instead of creating a second one.
   */
  async create(request: CreateCredentialRequest): Promise<CredentialView> {
    const instance = await this.instances.findByAlias(request.instanceAlias, 'instanceAlias');
    const earlier = await this.credentials.findDuplicate(duplicateKeys(instance.id, request, null));
    if (earlier) return this.sameRequestAgain(earlier, request, null);
    const material = await newCertificateFor(request.name, request.certificate);
    return this.insert(instance.id, request, material, 'generated');
  }

  /**
   * The provider's multi-tenant app's credential, with a new certificate. It belongs to no instance;
   * the idempotency key makes a retry answer the first one, as for an instance's.
   */
  async createForProvider(request: CreateProviderCredentialRequest): Promise<CredentialView> {
    const earlier = await this.credentials.findDuplicate(duplicateKeys(null, request, null));
    if (earlier) return this.sameRequestAgain(earlier, request, null);
    const material = await newCertificateFor(request.name, request.certificate);
    return this.insert(null, request, material, 'generated');
  }

  async listForProvider(request: ListProviderCredentialsRequest): Promise<CredentialView[]> {
    const all = await this.credentials.listForProvider();
    return request.clientId
      ? all.filter((credential) => credential.clientId.toLowerCase() === request.clientId?.toLowerCase())
      : all;
  }

  /**
   * A credential with a certificate and key the administrator already has. Importing the same
   * certificate into the same instance again answers the credential it made (or says which one
   * holds it), so a retry never duplicates it.
   */
  async import(request: ImportCredentialRequest): Promise<CredentialView> {
    const instance = await this.instances.findByAlias(request.instanceAlias, 'instanceAlias');
    const byKey = await this.credentials.findDuplicate(duplicateKeys(instance.id, request, null));
    const material = await importCertificate(importSource(request), new Date(), {
      decodingTimeoutMs: this.config.IMPORT_DECODING_TIMEOUT_MS,
    });
    const earlier =
      byKey ?? (await this.credentials.findDuplicate(duplicateKeys(instance.id, request, material)));
    if (earlier) return this.sameRequestAgain(earlier, request, material);
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

  /** `instanceId` null: the provider's credential. */
  private async insert(
    instanceId: string | null,
    request: CreateCredentialRequest | CreateProviderCredentialRequest | ImportCredentialRequest,
    material: CertificateMaterial,
    source: Certificate['source'],
  ): Promise<CredentialView> {
    const now = new Date().toISOString();
    const credentialId = randomUUID();
    const result = await this.credentials.createUnlessDuplicate(
      {
        id: credentialId,
        owner: instanceId === null ? 'provider' : 'instance',
        name: request.name,
        clientId: request.clientId,
        tenantId: request.tenantId,
        createdAt: now,
        updatedAt: now,
        ...duplicateKeys(instanceId, request, source === 'imported' ? material : null),
      },
      this.vault.sealedCertificate(credentialId, material, source, 'active'),
    );
    // Another replica (or an earlier attempt) got there first.
    return result.created
      ? result.view
      : this.sameRequestAgain(result.credential, request, source === 'imported' ? material : null);
  }

  /** An earlier credential for the same key or certificate: the same request again answers it. */
  private async sameRequestAgain(
    earlier: Credential,
    request: CreateCredentialRequest | CreateProviderCredentialRequest | ImportCredentialRequest,
    imported: CertificateMaterial | null,
  ): Promise<CredentialView> {
    const sameIdentity =
      earlier.name === request.name &&
      earlier.clientId === request.clientId &&
      earlier.tenantId.toLowerCase() === request.tenantId.toLowerCase();
    const sameCertificate = !imported || earlier.importedThumbprintSha256 === imported.thumbprintSha256;
    if (request.idempotencyKey && earlier.idempotencyKey === request.idempotencyKey) {
      if (sameIdentity && sameCertificate) return this.credentials.view(earlier.id);
      throw new CredentialsError(
        CredentialsErrorCode.IdempotencyKeyReused,
        `the idempotency key was already used for another request (credential ${earlier.id}, "${earlier.name}")`,
        {
          field: 'idempotencyKey',
          hint: 'use a new key for a new credential; reuse a key only to retry the same request',
        },
      );
    }
    if (imported && sameIdentity) return this.credentials.view(earlier.id);
    throw new CredentialsError(
      CredentialsErrorCode.CertificateAlreadyImported,
      `this certificate already belongs to credential ${earlier.id} ("${earlier.name}") of this instance`,
      {
        field: 'certificatePem',
        hint: 'use that credential, or import a different certificate; one certificate serves one credential per instance',
      },
    );
  }
}

/** What makes a write a repeat: the client's idempotency key, and for an import its certificate. */
function duplicateKeys(
  instanceId: string | null,
  request: { idempotencyKey?: string },
  imported: CertificateMaterial | null,
): Pick<Credential, 'instanceId' | 'idempotencyKey' | 'importedThumbprintSha256'> {
  return {
    instanceId,
    idempotencyKey: request.idempotencyKey ?? null,
    importedThumbprintSha256: imported?.thumbprintSha256 ?? null,
  };
}

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, ''), 'base64');
}
