import { createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { CredentialsError, CredentialsErrorCode } from '../errors';
import { assertReasonableKdfWork } from './kdf-work-limit';
import { decodeOffThread } from './key-decoding-worker';

export interface PfxContents {
  readonly certificates: Buffer[];
  readonly privateKey: KeyObject;
}

/**
 * Opens a PKCS#12 (PFX/.p12) file, RFC 7292, and returns its certificates and its one private key.
 * The structure is checked here (an integrity check present, the key-derivation work within the
 * limit); the derivations themselves run in a worker thread with a time limit.
 */
export async function openPfx(pfx: Buffer, password: string, timeoutMs?: number): Promise<PfxContents> {
  assertPfxShape(pfx);
  const decoded = await decodeOffThread({ kind: 'pfx', pfx, password }, timeoutMs);
  if (!decoded.ok) {
    if (decoded.reason === 'wrong-password') {
      // forge reports a failed integrity check (RFC 7292 section 5) as "MAC could not be verified".
      throw new CredentialsError(
        CredentialsErrorCode.WrongPassword,
        'The PFX password is wrong; enter the password the file was exported with.',
      );
    }
    throw new CredentialsError(
      CredentialsErrorCode.MalformedCertificate,
      'The PFX file could not be read (unsupported or damaged PKCS#12 structure); export it again, or import the PEM certificate and key instead.',
    );
  }
  if (decoded.kind !== 'pfx' || decoded.keys.length === 0) {
    throw new CredentialsError(
      CredentialsErrorCode.NoPrivateKey,
      'The PFX file holds no private key; export the certificate again with its private key ("Yes, export the private key").',
    );
  }
  if (decoded.keys.length > 1) {
    throw new CredentialsError(
      CredentialsErrorCode.MalformedPrivateKey,
      `The PFX file holds ${decoded.keys.length} private keys; export only the certificate this credential should use.`,
    );
  }
  return {
    certificates: decoded.certificates.map(certificateDer),
    privateKey: privateKeyOf(decoded.keys[0]),
  };
}

/** A PFX is DER with a MAC (password integrity mode) whose derivations are within the limit. */
function assertPfxShape(pfx: Buffer): void {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(pfx.toString('binary')));
  } catch {
    throw new CredentialsError(
      CredentialsErrorCode.MalformedCertificate,
      'The file is not a PFX/PKCS#12 file (it is not valid DER); upload the .pfx or .p12 file itself.',
    );
  }
  assertReasonableKdfWork(asn1, 'The PFX file');
  // PFX ::= SEQUENCE { version, authSafe ContentInfo, macData MacData OPTIONAL } (RFC 7292 section 4).
  // Without macData nothing vouches that the contents are what was exported with the password.
  if (!Array.isArray(asn1.value) || asn1.value.length < 3) {
    throw new CredentialsError(
      CredentialsErrorCode.PfxWithoutMac,
      'The PFX file has no integrity check (MAC); export it again with a password (Windows: "Export with password"; OpenSSL: without -nomac).',
    );
  }
}

function privateKeyOf(der: Uint8Array | null): KeyObject {
  try {
    // forge decodes RSA keys only; other key types stay as ASN.1 PrivateKeyInfo, which Node can read
    // and our RSA check then refuses with a clear message.
    if (der) return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  } catch {
    // fall through to the error below
  }
  throw new CredentialsError(
    CredentialsErrorCode.MalformedPrivateKey,
    'The private key in the PFX file could not be read; export the file again.',
  );
}

function certificateDer(der: Uint8Array | null): Buffer {
  if (der) return Buffer.from(der);
  throw new CredentialsError(
    CredentialsErrorCode.MalformedCertificate,
    'A certificate in the PFX file could not be read; export the file again.',
  );
}
