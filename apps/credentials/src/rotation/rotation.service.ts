import { Inject, Injectable } from '@nestjs/common';
import type { CertificateOptions, CredentialView } from '@archive365/contracts';
import type { EntityManager } from 'typeorm';
import { CREDENTIALS_CONFIG, type CredentialsConfig } from '../app/credentials.config';
import { Certificate } from '../credentials/certificate.entity';
import { CredentialStore, type LoadedCredential } from '../credentials/credential-store';
import { CredentialsService, newCertificate } from '../credentials/credentials.service';
import { CredentialsError, CredentialsErrorCode } from '../errors/credentials.error';
import { translatingDomainErrors } from '../errors/from-domain-errors';
import { abort, promote, proveNext, retire, startRotation, type CertificateRotation } from '../lifecycle';
import { TokenIdentityFactory } from '../tokens/token-identity.factory';
import { TokenProvider } from '../tokens/token-provider';

/**
 * Certificate rotation with overlap: the next certificate is created while the active one keeps
 * signing; it becomes active only after a real token request with it succeeded; the old one keeps
 * working (retiring) until the administrator retires it. Tokens flow throughout.
 */
@Injectable()
export class RotationService {
  constructor(
    @Inject(CREDENTIALS_CONFIG) private readonly config: CredentialsConfig,
    private readonly store: CredentialStore,
    private readonly credentials: CredentialsService,
    private readonly identities: TokenIdentityFactory,
    private readonly tokens: TokenProvider,
  ) {}

  async start(credentialId: string, options?: CertificateOptions): Promise<CredentialView> {
    const loaded = await this.store.load(credentialId);
    // Checks the step before the (slow) key generation; the transaction checks it again under the lock.
    await translatingDomainErrors(() => startRotation(rotationOf(loaded), 'next', new Date()));
    const material = await translatingDomainErrors(() => newCertificate(loaded.credential.name, options));
    return this.inTransaction(credentialId, async (manager, current) => {
      await translatingDomainErrors(() => startRotation(rotationOf(current), 'next', new Date()));
      await this.credentials.insertCertificate(manager, credentialId, material, 'generated', 'pending');
    });
  }

  async complete(credentialId: string): Promise<CredentialView> {
    const loaded = await this.store.load(credentialId);
    const pending = certificateIn(
      loaded,
      'pending',
      'no rotation is under way',
      'start a rotation to create the next certificate first',
    );
    // The proof: a real token request signed with the next certificate, with no cache in between.
    await translatingDomainErrors(() =>
      this.tokens.prove(this.identities.for(loaded.credential, pending), this.config.PROOF_SCOPE),
    );
    return this.inTransaction(credentialId, (manager, current) =>
      this.apply(manager, current, (rotation, now) =>
        promote(proveNext(rotation, pending.id, now), pending.id, now),
      ),
    );
  }

  async retire(credentialId: string): Promise<CredentialView> {
    let retired = '';
    const view = await this.inTransaction(credentialId, (manager, current) => {
      retired = certificateIn(
        current,
        'retiring',
        'there is no previous certificate to retire',
        'complete a rotation first',
      ).id;
      return this.apply(manager, current, (rotation, now) => retire(rotation, retired, now));
    });
    this.tokens.forget(credentialId, retired);
    return view;
  }

  async abort(credentialId: string): Promise<CredentialView> {
    return this.inTransaction(credentialId, (manager, current) => {
      const pending = certificateIn(
        current,
        'pending',
        'no rotation is under way',
        'there is nothing to abort',
      );
      return this.apply(manager, current, (rotation, now) => abort(rotation, pending.id, now));
    });
  }

  private async inTransaction(
    credentialId: string,
    step: (manager: EntityManager, current: LoadedCredential) => Promise<void>,
  ): Promise<CredentialView> {
    return this.store.dataSource.transaction(async (manager) => {
      await step(manager, await this.store.load(credentialId, manager, true));
      return this.store.view(credentialId, manager);
    });
  }

  /** Runs a pure rotation step and writes the states it changed. */
  private async apply(
    manager: EntityManager,
    current: LoadedCredential,
    step: (rotation: CertificateRotation, now: Date) => CertificateRotation,
  ): Promise<void> {
    const next = await translatingDomainErrors(() => step(rotationOf(current), new Date()));
    const repository = manager.getRepository(Certificate);
    for (const slot of next.certificates) {
      const before = current.certificates.find((certificate) => certificate.id === slot.certificateId);
      if (before && (before.state !== slot.state || (slot.provenAt && !before.provenAt))) {
        await repository.update(
          { id: slot.certificateId },
          {
            state: slot.state,
            changedAt: slot.changedAt.toISOString(),
            provenAt: slot.provenAt?.toISOString() ?? before.provenAt,
          },
        );
      }
    }
  }
}

function rotationOf({ certificates }: LoadedCredential): CertificateRotation {
  return {
    certificates: certificates.map((certificate) => ({
      certificateId: certificate.id,
      state: certificate.state,
      changedAt: new Date(certificate.changedAt),
      ...(certificate.provenAt ? { provenAt: new Date(certificate.provenAt) } : {}),
    })),
  };
}

function certificateIn(
  loaded: LoadedCredential,
  state: Certificate['state'],
  problem: string,
  hint: string,
): Certificate {
  const certificate = loaded.certificates.find((candidate) => candidate.state === state);
  if (!certificate) {
    throw new CredentialsError(
      CredentialsErrorCode.RotationStepInvalid,
      `${problem} for credential ${loaded.credential.id}`,
      { hint },
    );
  }
  return certificate;
}
