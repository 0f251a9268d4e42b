import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CredentialView } from '@archive365/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { CredentialsError, CredentialsErrorCode } from '../errors';
import { Certificate } from './certificate.entity';
import { Credential } from './credential.entity';
import { noActiveCertificate, toCredentialView } from './credential-view';
import { Instance } from './instance.entity';

/** Columns a view needs: everything but the sealed private key. */
const PUBLIC_CERTIFICATE_COLUMNS = {
  id: true,
  credentialId: true,
  state: true,
  source: true,
  subject: true,
  keySize: true,
  thumbprintSha1: true,
  thumbprintSha256: true,
  serialNumber: true,
  certificatePem: true,
  notBefore: true,
  notAfter: true,
  provenAt: true,
  changedAt: true,
  createdAt: true,
  expiryNotices: true,
} as const;

export interface LoadedCredential {
  credential: Credential;
  /** Null for a provider-level credential. */
  instanceAlias: string | null;
  /** Public columns only: the sealed key is read by `signer` alone. */
  certificates: Certificate[];
}

/** What signing with one certificate of a credential needs (token requests, JWTs). */
export interface Signer {
  credential: Credential;
  certificate: Pick<
    Certificate,
    'id' | 'credentialId' | 'state' | 'thumbprintSha1' | 'thumbprintSha256' | 'certificatePem' | 'notAfter'
  >;
  /** Still sealed: only the vault opens it. */
  sealedPrivateKey: string;
}

/** A certificate row to insert; its private key already sealed for this id. */
export type NewCertificate = Omit<Certificate, 'provenAt' | 'changedAt' | 'createdAt' | 'expiryNotices'>;

/** One certificate's new rotation state. */
export interface CertificateStateChange {
  certificateId: string;
  state: Certificate['state'];
  changedAt: string;
  provenAt: string | null;
}

/** What a rotation step writes: a new certificate, changed states, or both. */
export interface RotationWrite {
  insert?: NewCertificate;
  changes?: CertificateStateChange[];
}

/**
 * The one owner of the `credentials` and `certificates` tables (a credential and its certificates
 * change together). Every write is a transaction inside this class; callers say what they mean.
 */
@Injectable()
export class CredentialsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The credential with its instance alias and certificates; CREDENTIAL_NOT_FOUND when absent. */
  load(credentialId: string): Promise<LoadedCredential> {
    return this.loadWith(this.dataSource.manager, credentialId, false);
  }

  async view(credentialId: string): Promise<CredentialView> {
    return toView(await this.load(credentialId));
  }

  listForInstance(instance: Instance): Promise<CredentialView[]> {
    return this.listWhere({ owner: 'instance', instanceId: instance.id }, instance.alias);
  }

  /** The provider's own credentials (its multi-tenant apps), which belong to no instance. */
  listForProvider(): Promise<CredentialView[]> {
    return this.listWhere({ owner: 'provider' }, null);
  }

  private async listWhere(
    where: { owner: Credential['owner']; instanceId?: string },
    instanceAlias: string | null,
  ): Promise<CredentialView[]> {
    const credentials = await this.dataSource
      .getRepository(Credential)
      .find({ where, order: { name: 'ASC' } });
    if (credentials.length === 0) return [];
    const certificates = await this.dataSource
      .getRepository(Certificate)
      .createQueryBuilder('c')
      .select(Object.keys(PUBLIC_CERTIFICATE_COLUMNS).map((column) => `c.${column}`))
      .where('c.credential_id IN (:...ids)', { ids: credentials.map((c) => c.id) })
      .getMany();
    return credentials.map((credential) =>
      toCredentialView(
        credential,
        instanceAlias,
        certificates.filter((c) => c.credentialId === credential.id),
      ),
    );
  }

  /**
   * What a token request or a signature needs: the credential and its active certificate with the
   * sealed key, in one query (this runs on every token request).
   */
  async activeSigner(credentialId: string): Promise<Signer> {
    const signer = await this.signerWhere(credentialId, 'c.state = :state', { state: 'active' });
    if (signer) return signer;
    // Says which: no such credential (with its hint), or no active certificate.
    await this.load(credentialId);
    throw noActiveCertificate(credentialId);
  }

  /** One named certificate of the credential, any state; CERTIFICATE_NOT_FOUND when it is not its. */
  async signer(credentialId: string, certificateId: string): Promise<Signer> {
    const signer = await this.signerWhere(credentialId, 'c.id = :certificateId', { certificateId });
    if (signer) return signer;
    await this.load(credentialId);
    throw new CredentialsError(
      CredentialsErrorCode.CertificateNotFound,
      `certificate ${certificateId} does not belong to credential ${credentialId}`,
      { field: 'certificateId', hint: 'read the credential to see its certificates and their ids' },
    );
  }

  /**
   * A new credential with its first (active) certificate, in one transaction; or, when the instance
   * already has a credential under the same idempotency key or imported from the same certificate
   * (a retry, or two replicas racing), that one, left as it is.
   */
  async createUnlessDuplicate(
    credential: Credential,
    certificate: NewCertificate,
  ): Promise<{ created: boolean; credential: Credential; view: CredentialView }> {
    try {
      const view = await this.dataSource.transaction(async (manager) => {
        await manager.getRepository(Credential).insert(credential);
        await manager.getRepository(Certificate).insert(newRow(certificate, credential.createdAt));
        return toView(await this.loadWith(manager, credential.id, false));
      });
      return { created: true, credential, view };
    } catch (error) {
      const existing = await this.findDuplicate(credential);
      if (!existing) throw error;
      return { created: false, credential: existing, view: await this.view(existing.id) };
    }
  }

  /**
   * The owner's credential made under this idempotency key or imported from this certificate, if any
   * (the owner: the instance, or the provider when `instanceId` is null).
   */
  async findDuplicate(
    candidate: Pick<Credential, 'instanceId' | 'idempotencyKey' | 'importedThumbprintSha256'>,
  ): Promise<Credential | null> {
    const credentials = this.dataSource.getRepository(Credential);
    if (candidate.idempotencyKey) {
      const byKey = await credentials.findOneBy(
        candidate.instanceId === null
          ? { owner: 'provider', idempotencyKey: candidate.idempotencyKey }
          : { instanceId: candidate.instanceId, idempotencyKey: candidate.idempotencyKey },
      );
      if (byKey) return byKey;
    }
    if (candidate.importedThumbprintSha256 && candidate.instanceId !== null) {
      // Any certificate of the instance's credentials, imported or rotated in: one owner per certificate.
      const holder = await this.dataSource
        .getRepository(Certificate)
        .createQueryBuilder('c')
        .innerJoin(Credential, 'cr', 'cr.id = c.credential_id')
        .select(['c.credentialId'])
        .where('cr.instance_id = :instanceId AND c.thumbprint_sha256 = :thumbprint', {
          instanceId: candidate.instanceId,
          thumbprint: candidate.importedThumbprintSha256,
        })
        .getOne();
      if (holder) return credentials.findOneBy({ id: holder.credentialId });
    }
    return null;
  }

  /**
   * Erases the sealed private keys of certificates retired before `cutoff` (their public part and
   * history stay); answers how many were erased.
   */
  async purgeKeysRetiredBefore(cutoff: Date): Promise<number> {
    const result = await this.dataSource
      .getRepository(Certificate)
      .createQueryBuilder()
      .update()
      .set({ sealedPrivateKey: '' })
      .where("state = 'retired' AND changed_at < :cutoff AND sealed_private_key <> ''", {
        cutoff: cutoff.toISOString(),
      })
      .execute();
    return result.affected ?? 0;
  }

  async rename(
    credentialId: string,
    changes: Partial<Pick<Credential, 'name' | 'clientId' | 'tenantId'>>,
  ): Promise<CredentialView> {
    await this.load(credentialId);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    await this.dataSource
      .getRepository(Credential)
      .update({ id: credentialId }, { ...defined, updatedAt: new Date().toISOString() });
    return this.view(credentialId);
  }

  async deleteWithCertificates(credentialId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Certificate).delete({ credentialId });
      await manager.getRepository(Credential).delete({ id: credentialId });
    });
  }

  /**
   * Runs one rotation step under the credential's row lock (PostgreSQL; SQLite serialises write
   * transactions anyway), so two replicas' steps on one credential run one after the other: `decide`
   * sees the current state and returns what to write, or throws when the step does not fit.
   */
  async changeRotation(
    credentialId: string,
    decide: (current: LoadedCredential) => RotationWrite | Promise<RotationWrite>,
  ): Promise<CredentialView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.loadWith(manager, credentialId, true);
      const { insert, changes = [] } = await decide(current);
      const certificates = manager.getRepository(Certificate);
      if (insert) await certificates.insert(newRow(insert, new Date().toISOString()));
      // The one-active and one-pending indexes are checked per statement: the certificate leaving
      // `active` (promote) must be written before the one entering it, whatever the rows' order.
      const ordered = [...changes].sort((a, b) => rank(a.state) - rank(b.state));
      for (const change of ordered) {
        await certificates.update(
          { id: change.certificateId },
          { state: change.state, changedAt: change.changedAt, provenAt: change.provenAt },
        );
      }
      return toView(await this.loadWith(manager, credentialId, false));
    });
  }

  /** Active certificates that expire before `horizon`, with what an expiry notice needs. */
  async activeCertificatesExpiringBefore(
    horizon: Date,
  ): Promise<Pick<Certificate, 'id' | 'credentialId' | 'thumbprintSha1' | 'notAfter' | 'expiryNotices'>[]> {
    return this.dataSource
      .getRepository(Certificate)
      .createQueryBuilder('c')
      .select(['c.id', 'c.credentialId', 'c.thumbprintSha1', 'c.notAfter', 'c.expiryNotices'])
      .where('c.state = :state', { state: 'active' })
      .andWhere('c.not_after < :horizon', { horizon: horizon.toISOString() })
      .getMany();
  }

  /** The instance a credential belongs to (for events that name it); null for a provider credential. */
  async instanceAliasOf(credentialId: string): Promise<string | null> {
    return (await this.load(credentialId)).instanceAlias;
  }

  /** Records the expiry notices handled (sent or skipped) for a certificate, e.g. `[60, 30]`. */
  async recordExpiryNotices(certificateId: string, handled: number[]): Promise<void> {
    await this.dataSource
      .getRepository(Certificate)
      .update(
        { id: certificateId },
        { expiryNotices: [...new Set(handled)].sort((a, b) => b - a).join(',') },
      );
  }

  /** Every certificate's sealed key (purged ones left out), for the vault's start-up checks. */
  async sealedKeys(): Promise<Pick<Certificate, 'id' | 'sealedPrivateKey'>[]> {
    const rows = await this.dataSource
      .getRepository(Certificate)
      .find({ select: { id: true, sealedPrivateKey: true } });
    return rows.filter((row) => row.sealedPrivateKey !== '');
  }

  /** Replaces sealed keys (rewrapped under another master key) in one transaction. */
  async replaceSealedKeys(rows: Pick<Certificate, 'id' | 'sealedPrivateKey'>[]): Promise<void> {
    if (rows.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      const certificates = manager.getRepository(Certificate);
      for (const row of rows) {
        await certificates.update({ id: row.id }, { sealedPrivateKey: row.sealedPrivateKey });
      }
    });
  }

  private async loadWith(
    manager: EntityManager,
    credentialId: string,
    forUpdate: boolean,
  ): Promise<LoadedCredential> {
    const lock =
      forUpdate && this.dataSource.options.type === 'postgres'
        ? { mode: 'pessimistic_write' as const }
        : undefined;
    const credential = await manager
      .getRepository(Credential)
      .findOne({ where: { id: credentialId }, ...(lock ? { lock } : {}) });
    if (!credential) {
      throw new CredentialsError(
        CredentialsErrorCode.CredentialNotFound,
        `no credential has the id ${credentialId}`,
        { field: 'credentialId', hint: 'list the credentials of the instance to see their ids' },
      );
    }
    const instanceId = credential.instanceId;
    const [instance, certificates] = await Promise.all([
      instanceId === null ? null : manager.getRepository(Instance).findOneByOrFail({ id: instanceId }),
      manager
        .getRepository(Certificate)
        .find({ where: { credentialId }, select: PUBLIC_CERTIFICATE_COLUMNS }),
    ]);
    return { credential, instanceAlias: instance?.alias ?? null, certificates };
  }

  private async signerWhere(
    credentialId: string,
    condition: string,
    parameters: Record<string, string>,
  ): Promise<Signer | undefined> {
    // Both look-ups are by key and independent: run them side by side.
    const [certificate, credential] = await Promise.all([
      this.dataSource
        .getRepository(Certificate)
        .createQueryBuilder('c')
        .select([
          'c.id',
          'c.credentialId',
          'c.state',
          'c.thumbprintSha1',
          'c.thumbprintSha256',
          'c.certificatePem',
          'c.notAfter',
          'c.sealedPrivateKey',
        ])
        .where(`c.credential_id = :credentialId AND ${condition}`, { credentialId, ...parameters })
        .getOne(),
      this.dataSource.getRepository(Credential).findOneBy({ id: credentialId }),
    ]);
    if (!certificate || !credential) return undefined;
    const { sealedPrivateKey, ...publicColumns } = certificate;
    return { credential, certificate: publicColumns, sealedPrivateKey };
  }
}

function toView({ credential, instanceAlias, certificates }: LoadedCredential): CredentialView {
  return toCredentialView(credential, instanceAlias, certificates);
}

function newRow(certificate: NewCertificate, now: string): Certificate {
  return { ...certificate, provenAt: null, changedAt: now, createdAt: now, expiryNotices: '' };
}

/** Writes into a state with a one-per-credential index go last (see changeRotation). */
function rank(state: string): number {
  return state === 'active' || state === 'pending' ? 1 : 0;
}
