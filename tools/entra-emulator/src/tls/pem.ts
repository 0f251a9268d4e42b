import { X509Certificate, createHash } from 'node:crypto';

/** DER bytes of the first certificate in a PEM string. */
export function certificateDer(certPem: string): Buffer {
  return Buffer.from(new X509Certificate(certPem).raw);
}

/** PEM text of a DER certificate (64-column base64, as RFC 7468 section 2 asks). */
export function derToCertificatePem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * Base64 SHA-256 of a certificate's SubjectPublicKeyInfo: the value Chromium's
 * `--ignore-certificate-errors-spki-list` expects, so a browser trusts exactly this key.
 */
export function spkiSha256Base64(certPem: string): string {
  const spkiDer = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spkiDer).digest('base64');
}
