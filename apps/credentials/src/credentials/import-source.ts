import type { ImportCredentialRequest } from '@archive365/contracts';
import type { CertificateImport } from '../certificates';
import { CredentialsError, CredentialsErrorCode } from '../errors';

/** Which import the request asks for: PEM (certificate and key) or PFX, never both. */
export function importSource(request: ImportCredentialRequest): CertificateImport {
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
