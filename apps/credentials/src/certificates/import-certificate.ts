import { CredentialsError, CredentialsErrorCode } from '../errors';
import { assertUsableRsaKey, inspectCertificateWithKey } from './certificate-inspection';
import type { CertificateMaterial } from './certificate-material';
import { certificatesFromPem, privateKeyFromPem } from './import-pem';
import { openPfx } from './import-pfx';
import { selectCertificateForKey } from './select-certificate';

export interface PemCertificateImport {
  readonly format: 'pem';
  /** The certificate, optionally followed by its chain. */
  readonly certificatePem: string;
  /** PKCS#1 (`RSA PRIVATE KEY`) or PKCS#8 (`PRIVATE KEY` / `ENCRYPTED PRIVATE KEY`). */
  readonly privateKeyPem: string;
  readonly passphrase?: string;
}

export interface PfxCertificateImport {
  readonly format: 'pfx';
  readonly pfx: Buffer;
  readonly password: string;
}

export type CertificateImport = PemCertificateImport | PfxCertificateImport;

/**
 * Takes an existing certificate and key that an administrator already uploaded to the app
 * registration, checks they are usable as an Entra certificate credential, and normalises them
 * (key as unencrypted PKCS#8, ready to be sealed). Key derivations run in a worker thread, bounded in
 * work and time, so an import never stalls the service.
 */
export async function importCertificate(
  input: CertificateImport,
  now: Date = new Date(),
  { decodingTimeoutMs }: { decodingTimeoutMs?: number } = {},
): Promise<CertificateMaterial> {
  switch (input.format) {
    case 'pem': {
      const privateKey = await privateKeyFromPem(input.privateKeyPem, input.passphrase, decodingTimeoutMs);
      assertUsableRsaKey(privateKey, 'private key');
      const certificate = selectCertificateForKey(certificatesFromPem(input.certificatePem), privateKey);
      return inspectCertificateWithKey(certificate, privateKey, now);
    }
    case 'pfx': {
      if (!Buffer.isBuffer(input.pfx) || input.pfx.length === 0) {
        throw new CredentialsError(
          CredentialsErrorCode.MalformedCertificate,
          'The PFX file is empty; upload the .pfx or .p12 file.',
        );
      }
      const { certificates, privateKey } = await openPfx(input.pfx, input.password, decodingTimeoutMs);
      assertUsableRsaKey(privateKey, 'private key');
      return inspectCertificateWithKey(selectCertificateForKey(certificates, privateKey), privateKey, now);
    }
  }
  // Reachable only when a caller bypasses the types (e.g. an unvalidated message).
  throw new CredentialsError(
    CredentialsErrorCode.InvalidParameters,
    'Unknown import format; use "pem" (certificate and key as text) or "pfx" (a PKCS#12 file with its password).',
  );
}
