import { CredentialsError, CredentialsErrorCode } from '../errors';
import { KeyObject, X509Certificate } from 'node:crypto';
import type { CertificateMaterial } from './certificate-material';

/** Entra ID accepts RSA certificate credentials of at least 2048 bits. */
export const MINIMUM_RSA_KEY_SIZE = 2048;

/** Refuses anything but an RSA key of at least 2048 bits, and returns its size. */
export function assertUsableRsaKey(key: KeyObject, what: string): number {
  // `rsa-pss` keys are refused too: the portal and MSAL expect a plain rsaEncryption key.
  if (key.asymmetricKeyType !== 'rsa') {
    throw new CredentialsError(
      CredentialsErrorCode.UnsupportedKeyType,
      `The ${what} is a ${key.asymmetricKeyType ?? 'unknown'} key; Microsoft Entra certificate credentials need an RSA key of at least ${MINIMUM_RSA_KEY_SIZE} bits.`,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MINIMUM_RSA_KEY_SIZE) {
    throw new CredentialsError(
      CredentialsErrorCode.KeyTooSmall,
      `The ${what} has ${bits} bits; use an RSA key of at least ${MINIMUM_RSA_KEY_SIZE} bits.`,
    );
  }
  return bits;
}

/**
 * Checks that a certificate and a private key belong together and are usable now, and derives the
 * fingerprints and dates with Node's own X.509 parser (the same one the TLS stack trusts).
 */
export function inspectCertificateWithKey(
  certificateDer: Buffer,
  privateKey: KeyObject,
  now: Date,
): CertificateMaterial {
  const certificate = new X509Certificate(certificateDer);
  const keySize = assertUsableRsaKey(certificate.publicKey, "certificate's public key");
  assertUsableRsaKey(privateKey, 'private key');
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new CredentialsError(
      CredentialsErrorCode.KeyDoesNotMatch,
      'The private key does not belong to the certificate (their public keys differ); supply the key the certificate was issued for.',
    );
  }
  const notAfter = certificate.validToDate;
  if (notAfter.getTime() <= now.getTime()) {
    throw new CredentialsError(
      CredentialsErrorCode.CertificateExpired,
      `The certificate expired on ${notAfter.toISOString()}; import a current certificate or generate a new one.`,
    );
  }
  const material = {
    certificatePem: certificate.toString(),
    certificateDer: Buffer.from(certificate.raw),
    thumbprintSha1: hexThumbprint(certificate.fingerprint),
    thumbprintSha256: hexThumbprint(certificate.fingerprint256),
    notBefore: certificate.validFromDate,
    notAfter,
    serialNumber: certificate.serialNumber.toUpperCase(),
    subject: certificate.subject.split('\n').join(', '),
    keySize,
  };
  // Not enumerable: JSON.stringify, console.log/pino and object spreads skip it, so logging or
  // returning the material by mistake does not leak the key. Read `material.privateKeyPem` explicitly.
  Object.defineProperty(material, 'privateKeyPem', {
    value: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    enumerable: false,
    writable: false,
  });
  return material as CertificateMaterial;
}

/** Node prints `AB:CD:...`; the Azure portal shows `ABCD...`. */
function hexThumbprint(colonSeparated: string): string {
  return colonSeparated.replace(/:/g, '').toUpperCase();
}
