import { CredentialsError, CredentialsErrorCode } from '../errors';
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { asn1OfPemBlock, assertReasonableKdfWork } from './kdf-work-limit';
import { decodeOffThread } from './key-decoding-worker';

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const PRIVATE_KEY_BLOCK =
  /-----BEGIN (?:RSA |ENCRYPTED |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |ENCRYPTED |EC )?PRIVATE KEY-----/;
// PKCS#8 `ENCRYPTED PRIVATE KEY`, or the legacy OpenSSL PKCS#1 form with a `Proc-Type: 4,ENCRYPTED` header.
const ENCRYPTED_KEY_MARKER = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/;

/** Every certificate in a PEM text (a leaf, possibly followed by its chain), as DER. */
export function certificatesFromPem(pem: string): Buffer[] {
  const blocks = pem.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new CredentialsError(
      CredentialsErrorCode.MalformedCertificate,
      'The certificate text holds no "-----BEGIN CERTIFICATE-----" block; paste the PEM certificate (a .cer/.crt file in Base64 form).',
    );
  }
  return blocks.map((block, index) => {
    try {
      return Buffer.from(new X509Certificate(block).raw);
    } catch {
      throw new CredentialsError(
        CredentialsErrorCode.MalformedCertificate,
        `Certificate block ${index + 1} is not a valid X.509 certificate; check that the PEM was copied completely.`,
      );
    }
  });
}

/**
 * A PEM private key: PKCS#1 or PKCS#8, optionally encrypted with a passphrase. An encrypted key is
 * decrypted in a worker thread (its key derivation is the file's to choose), after its declared work
 * was checked against the limit.
 */
export async function privateKeyFromPem(
  pem: string,
  passphrase: string | undefined,
  timeoutMs?: number,
): Promise<KeyObject> {
  const block = pem.match(PRIVATE_KEY_BLOCK)?.[0];
  if (!block) {
    throw new CredentialsError(
      CredentialsErrorCode.MalformedPrivateKey,
      'The private key text holds no "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----" block; paste the PEM private key.',
    );
  }
  if (!ENCRYPTED_KEY_MARKER.test(block)) {
    try {
      return createPrivateKey({ key: block, format: 'pem' });
    } catch {
      throw new CredentialsError(
        CredentialsErrorCode.MalformedPrivateKey,
        'The private key is not a valid PEM key; check that it was copied completely.',
      );
    }
  }
  if (!passphrase) {
    throw new CredentialsError(
      CredentialsErrorCode.PasswordRequired,
      'The private key is encrypted; supply its passphrase.',
    );
  }
  // PKCS#8 carries its PBKDF2 parameters; the legacy OpenSSL form derives with one MD5 round.
  const asn1 = block.includes('BEGIN ENCRYPTED PRIVATE KEY') ? asn1OfPemBlock(block) : undefined;
  if (asn1) assertReasonableKdfWork(asn1, 'The private key');
  const decoded = await decodeOffThread({ kind: 'pem', pem: block, passphrase }, timeoutMs);
  if (!decoded.ok || decoded.kind !== 'pem') {
    // OpenSSL cannot tell a wrong passphrase from a damaged encrypted key; the passphrase is far likelier.
    throw new CredentialsError(
      CredentialsErrorCode.WrongPassword,
      'The private key could not be decrypted; check the passphrase.',
    );
  }
  return createPrivateKey({ key: Buffer.from(decoded.pkcs8), format: 'der', type: 'pkcs8' });
}
