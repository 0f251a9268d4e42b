import { CredentialsError, CredentialsErrorCode } from '../errors';
import type { CertificateView, CredentialView } from '@archive365/contracts';
import type { Certificate } from './certificate.entity';
import type { Credential } from './credential.entity';

export function toCertificateView(certificate: Certificate): CertificateView {
  return {
    id: certificate.id,
    state: certificate.state,
    source: certificate.source,
    subject: certificate.subject,
    keySize: certificate.keySize,
    thumbprintSha1: certificate.thumbprintSha1,
    thumbprintSha256: certificate.thumbprintSha256,
    serialNumber: certificate.serialNumber,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    ...(certificate.provenAt ? { provenAt: certificate.provenAt } : {}),
  };
}

/**
 * The public view of a credential: never the sealed key, which is not even selected for it. A
 * provider-level credential has no instance alias.
 */
export function toCredentialView(
  credential: Credential,
  instanceAlias: string | null,
  certificates: Certificate[],
): CredentialView {
  const newestFirst = [...certificates].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const active = newestFirst.find((certificate) => certificate.state === 'active');
  if (!active) {
    throw noActiveCertificate(credential.id);
  }
  return {
    id: credential.id,
    owner: credential.owner,
    ...(instanceAlias !== null ? { instanceAlias } : {}),
    name: credential.name,
    clientId: credential.clientId,
    tenantId: credential.tenantId,
    createdAt: credential.createdAt,
    updatedAt: credential.updatedAt,
    activeCertificate: toCertificateView(active),
    certificates: newestFirst.map(toCertificateView),
  };
}

/** A credential must always have an active certificate; the database enforces at most one. */
export function noActiveCertificate(credentialId: string): CredentialsError {
  return new CredentialsError(
    CredentialsErrorCode.NoActiveCertificate,
    `credential ${credentialId} has no active certificate`,
    { hint: 'complete or abort the rotation under way, or create the credential again' },
  );
}
