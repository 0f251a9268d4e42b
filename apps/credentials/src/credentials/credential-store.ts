import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CredentialView } from '@archive365/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { CredentialsError, CredentialsErrorCode } from '../errors/credentials.error';
import { Instance } from '../instances/instance.entity';
import { Certificate } from './certificate.entity';
import { Credential } from './credential.entity';
import { toCredentialView } from './credential-view';

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
  instanceAlias: string;
  certificates: Certificate[];
}

/** Reads credentials with their instance and certificates. */
@Injectable()
export class CredentialStore {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /**
   * The credential with its instance and certificates. `forUpdate` (inside a transaction) locks the
   * credential's row on PostgreSQL, so that two replicas' rotation steps on one credential run one
   * after the other (SQLite serialises every write transaction anyway).
   */
  async load(
    credentialId: string,
    manager: EntityManager = this.dataSource.manager,
    forUpdate = false,
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
        {
          field: 'credentialId',
          hint: 'list the credentials of the instance to see their ids',
        },
      );
    }
    const [instance, certificates] = await Promise.all([
      manager.getRepository(Instance).findOneByOrFail({ id: credential.instanceId }),
      manager
        .getRepository(Certificate)
        .find({ where: { credentialId }, select: PUBLIC_CERTIFICATE_COLUMNS }),
    ]);
    return { credential, instanceAlias: instance.alias, certificates };
  }

  async view(credentialId: string, manager?: EntityManager): Promise<CredentialView> {
    const { credential, instanceAlias, certificates } = await this.load(credentialId, manager);
    return toCredentialView(credential, instanceAlias, certificates);
  }

  async listForInstance(instance: Instance): Promise<CredentialView[]> {
    const credentials = await this.dataSource
      .getRepository(Credential)
      .find({ where: { instanceId: instance.id }, order: { name: 'ASC' } });
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
        instance.alias,
        certificates.filter((c) => c.credentialId === credential.id),
      ),
    );
  }

  /**
   * What a token request needs: the credential and its active certificate (public columns only).
   * This runs on every token request: two primary-key/index look-ups, no sealed key.
   */
  async activeSigner(credentialId: string): Promise<{ credential: Credential; certificate: Certificate }> {
    const certificate = await this.dataSource
      .getRepository(Certificate)
      .createQueryBuilder('c')
      .select(['c.id', 'c.credentialId', 'c.thumbprintSha1', 'c.certificatePem'])
      .where('c.credential_id = :credentialId AND c.state = :state', { credentialId, state: 'active' })
      .getOne();
    const credential =
      certificate && (await this.dataSource.getRepository(Credential).findOneBy({ id: credentialId }));
    if (!certificate || !credential) {
      // Throws the not-found error with its hint.
      await this.load(credentialId);
      throw new Error(`credential ${credentialId} has no active certificate`);
    }
    return { credential, certificate };
  }

  /** The sealed private key of one certificate, read only when a token client is built. */
  async sealedKeyOf(certificateId: string): Promise<string> {
    const row = await this.dataSource
      .getRepository(Certificate)
      .findOneOrFail({ where: { id: certificateId }, select: { id: true, sealedPrivateKey: true } });
    return row.sealedPrivateKey;
  }
}
