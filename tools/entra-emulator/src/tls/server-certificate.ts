import { isIP } from 'node:net';
import type { LocalCertificateAuthority } from './local-ca';
import { spkiSha256Base64 } from './pem';
import { buildCertificate } from './x509-builder';

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
  /** Base64 SHA-256 of the server key's SPKI, for Chromium's `--ignore-certificate-errors-spki-list`. */
  spkiSha256: string;
  subjectAltNames: string[];
}

const ALWAYS_SERVED_NAMES = ['localhost', '127.0.0.1', '::1'];

/** Issues a fresh TLS server certificate from the local CA for localhost and the configured host names. */
export function issueServerCertificate(
  ca: LocalCertificateAuthority,
  extraHostnames: string[] = [],
): ServerCertificate {
  const names = [
    ...new Set([
      ...ALWAYS_SERVED_NAMES,
      ...extraHostnames.map((name) => name.trim().toLowerCase()).filter(Boolean),
    ]),
  ];
  const issued = buildCertificate({
    commonName: 'localhost',
    // Browsers reject leaf certificates valid for more than 398 days.
    validDays: 397,
    issuer: ca,
    dnsNames: names.filter((name) => isIP(name) === 0),
    ipAddresses: names.filter((name) => isIP(name) !== 0),
  });
  return { ...issued, spkiSha256: spkiSha256Base64(issued.certPem), subjectAltNames: names };
}
