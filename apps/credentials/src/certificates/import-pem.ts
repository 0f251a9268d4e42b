import { CredentialsError, CredentialsErrorCode } from '../errors';
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';

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

/** A PEM private key: PKCS#1 or PKCS#8, optionally encrypted with a passphrase. */
export function privateKeyFromPem(pem: string, passphrase: string | undefined): KeyObject {
  const block = pem.match(PRIVATE_KEY_BLOCK)?.[0];
  if (!block) {
    throw new CredentialsError(
      CredentialsErrorCode.MalformedPrivateKey,
      'The private key text holds no "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----" block; paste the PEM private key.',
    );
  }
  const encrypted = ENCRYPTED_KEY_MARKER.test(block);
  if (encrypted && !passphrase) {
    throw new CredentialsError(
      CredentialsErrorCode.PasswordRequired,
      'The private key is encrypted; supply its passphrase.',
    );
  }
  try {
    return createPrivateKey({ key: block, format: 'pem', passphrase: encrypted ? passphrase : undefined });
  } catch {
    // OpenSSL cannot tell a wrong passphrase from a damaged encrypted key; the passphrase is far likelier.
    throw encrypted
      ? new CredentialsError(
          CredentialsErrorCode.WrongPassword,
          'The private key could not be decrypted; check the passphrase.',
        )
      : new CredentialsError(
          CredentialsErrorCode.MalformedPrivateKey,
          'The private key is not a valid PEM key; check that it was copied completely.',
        );
  }
}
