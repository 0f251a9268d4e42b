import { CredentialsError, CredentialsErrorCode } from '../errors';
import { X509Certificate, type KeyObject } from 'node:crypto';

/**
 * A PEM bundle or a PFX often carries the issuing chain next to the leaf certificate. The one the
 * credential uses is the one whose public key matches the private key.
 */
export function selectCertificateForKey(certificates: readonly Buffer[], privateKey: KeyObject): Buffer {
  if (certificates.length === 0) {
    throw new CredentialsError(
      CredentialsErrorCode.NoCertificate,
      'No certificate was found; supply the certificate together with its private key.',
    );
  }
  const matching = certificates.find((der) => new X509Certificate(der).checkPrivateKey(privateKey));
  if (!matching) {
    throw new CredentialsError(
      CredentialsErrorCode.KeyDoesNotMatch,
      certificates.length === 1
        ? 'The private key does not belong to the certificate (their public keys differ); supply the key the certificate was issued for.'
        : `None of the ${certificates.length} certificates belongs to the private key; supply the certificate issued for this key.`,
    );
  }
  return matching;
}
