import { Injectable } from '@nestjs/common';
import type { CertificateOptions, CredentialView } from '@archive365/contracts';
import { newCertificateFor } from '../certificates';
import { CredentialsError, CredentialsErrorCode } from '../errors';
import { abort, promote, proveNext, retire, startRotation, type CertificateRotation } from '../lifecycle';
import {
  CredentialsRepository,
  type Certificate,
  type CertificateStateChange,
  type LoadedCredential,
} from '../store';
import { TokensService } from '../tokens';
import { KeyVaultService } from '../vault';

/**
 * Certificate rotation with overlap: the next certificate is created while the active one keeps
 * signing; it becomes active only after a real token request with it succeeded; the old one keeps
 * working (retiring) until the administrator retires it. Tokens flow throughout.
 */
@Injectable()
export class RotationService {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly vault: KeyVaultService,
    private readonly tokens: TokensService,
  ) {}

  async start(credentialId: string, options?: CertificateOptions): Promise<CredentialView> {
    const loaded = await this.credentials.load(credentialId);
    // Checks the step before the (slow) key generation; the transaction checks it again under the lock.
    startRotation(rotationOf(loaded), 'next', new Date());
    const material = await newCertificateFor(loaded.credential.name, options);
    const next = this.vault.sealedCertificate(credentialId, material, 'generated', 'pending');
    return this.credentials.changeRotation(credentialId, (current) => {
      startRotation(rotationOf(current), 'next', new Date());
      return { insert: next };
    });
  }

  async complete(credentialId: string): Promise<CredentialView> {
    const pending = certificateIn(
      await this.credentials.load(credentialId),
      'pending',
      'no rotation is under way',
      'start a rotation to create the next certificate first',
    );
    // The proof: a real token request signed with the next certificate, with no cache in between.
    await this.tokens.proveCertificate(credentialId, pending.id);
    return this.credentials.changeRotation(credentialId, (current) => ({
      changes: changesOf(current, (rotation, now) =>
        promote(proveNext(rotation, pending.id, now), pending.id, now),
      ),
    }));
  }

  async retire(credentialId: string): Promise<CredentialView> {
    let retired = '';
    const view = await this.credentials.changeRotation(credentialId, (current) => {
      retired = certificateIn(
        current,
        'retiring',
        'there is no previous certificate to retire',
        'complete a rotation first',
      ).id;
      return { changes: changesOf(current, (rotation, now) => retire(rotation, retired, now)) };
    });
    this.tokens.forget(credentialId, retired);
    return view;
  }

  abort(credentialId: string): Promise<CredentialView> {
    return this.credentials.changeRotation(credentialId, (current) => {
      const pending = certificateIn(
        current,
        'pending',
        'no rotation is under way',
        'there is nothing to abort',
      );
      return { changes: changesOf(current, (rotation, now) => abort(rotation, pending.id, now)) };
    });
  }
}

/** Runs a pure rotation step and lists the certificates whose state it changed. */
function changesOf(
  current: LoadedCredential,
  step: (rotation: CertificateRotation, now: Date) => CertificateRotation,
): CertificateStateChange[] {
  const next = step(rotationOf(current), new Date());
  const changes: CertificateStateChange[] = [];
  for (const slot of next.certificates) {
    const before = current.certificates.find((certificate) => certificate.id === slot.certificateId);
    if (before && (before.state !== slot.state || (slot.provenAt && !before.provenAt))) {
      changes.push({
        certificateId: slot.certificateId,
        state: slot.state,
        changedAt: slot.changedAt.toISOString(),
        provenAt: slot.provenAt?.toISOString() ?? before.provenAt,
      });
    }
  }
  return changes;
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
