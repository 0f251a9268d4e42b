import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCertificate, type IssuedCertificate } from './x509-builder';

export interface LocalCertificateAuthority extends IssuedCertificate {
  /** Where the CA certificate (public part only) was written, for NODE_EXTRA_CA_CERTS or a browser. */
  certPath: string;
}

const CA_CERT_FILE = 'emulator-ca.pem';
const CA_KEY_FILE = 'emulator-ca.key.pem';

/**
 * Loads the emulator's CA from the state directory, or creates it there. Reusing it across restarts
 * means a client that trusted the CA once keeps trusting every later server certificate.
 */
export function loadOrCreateLocalCa(stateDir: string): LocalCertificateAuthority {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const certPath = join(stateDir, CA_CERT_FILE);
  const keyPath = join(stateDir, CA_KEY_FILE);
  if (existsSync(certPath) && existsSync(keyPath)) {
    return { certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8'), certPath };
  }
  // A unique name per CA: TLS stacks pick the issuer by subject name, so two emulator CAs trusted in one
  // process (two state directories) must not share one.
  const commonName = `Archive365 Entra Emulator Local CA ${randomBytes(4).toString('hex')}`;
  const ca = buildCertificate({ commonName, validDays: 3650, isCertificateAuthority: true });
  writeFileSync(keyPath, ca.keyPem, { mode: 0o600 });
  writeFileSync(certPath, ca.certPem, { mode: 0o644 });
  return { ...ca, certPath };
}
