import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFileExclusive, writeFileAtomic } from './atomic-file';
import { buildCertificate, type IssuedCertificate } from './x509-builder';

export interface LocalCertificateAuthority extends IssuedCertificate {
  /** Where the CA certificate (public part only) was written, for NODE_EXTRA_CA_CERTS or a browser. */
  certPath: string;
}

const CA_CERT_FILE = 'emulator-ca.pem';
/** Key and certificate in one file, so they can never come from two different CAs. */
const CA_BUNDLE_FILE = 'emulator-ca.key-and-cert.pem';

/**
 * Loads the emulator's CA from the state directory, or creates it there. Reusing it across restarts
 * means a client that trusted the CA once keeps trusting every later server certificate. Safe when
 * several emulators start at once with the same directory: the first CA written wins for all.
 */
export function loadOrCreateLocalCa(stateDir: string): LocalCertificateAuthority {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const bundlePath = join(stateDir, CA_BUNDLE_FILE);
  if (!existsSync(bundlePath)) {
    // A unique name per CA: TLS stacks pick the issuer by subject name, so two emulator CAs trusted in
    // one process (two state directories) must not share one.
    const commonName = `Archive365 Entra Emulator Local CA ${randomBytes(4).toString('hex')}`;
    const created = buildCertificate({ commonName, validDays: 3650, isCertificateAuthority: true });
    createFileExclusive(bundlePath, created.keyPem + created.certPem, 0o600);
  }
  const ca = splitBundle(readFileSync(bundlePath, 'utf8'));
  const certPath = join(stateDir, CA_CERT_FILE);
  if (!existsSync(certPath) || readFileSync(certPath, 'utf8') !== ca.certPem)
    writeFileAtomic(certPath, ca.certPem, 0o644);
  return { ...ca, certPath };
}

function splitBundle(bundle: string): IssuedCertificate {
  const keyPem = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n?/.exec(bundle)?.[0];
  const certPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(bundle)?.[0];
  if (!keyPem || !certPem)
    throw new Error(
      `The emulator CA file ${CA_BUNDLE_FILE} is damaged: delete the state directory to make a new CA.`,
    );
  return { keyPem, certPem };
}
