import {
  createCipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import {
  IMPORT_SEALING_ALGORITHM,
  IMPORT_SEALING_INFO,
  Subjects,
  importSealingAad,
  type CredentialView,
  type ImportCredentialRequest,
  type ImportKeyReply,
  type ImportMaterial,
  type SealedImportCredentialRequest,
  type SealedImportMaterial,
} from '@archive365/contracts';
import type { RpcClient } from '../rpc/rpc-client';

// SubjectPublicKeyInfo of an X25519 public key (RFC 8410, section 4): this prefix, then the 32 bytes.
const SPKI_X25519_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

/**
 * Seals the key material of an import to the credentials service's import key (see
 * `IMPORT_SEALING_ALGORITHM` in the contracts): a fresh X25519 key per import, ECDH, HKDF-SHA256 with
 * both public keys as salt, AES-256-GCM bound to the key id and the instance alias.
 */
export function sealImport(
  key: ImportKeyReply,
  request: ImportCredentialRequest,
): SealedImportCredentialRequest {
  if (key.algorithm !== IMPORT_SEALING_ALGORITHM) {
    throw new Error(`unsupported import sealing algorithm ${String(key.algorithm)}`);
  }
  const { certificatePem, privateKeyPem, privateKeyPassphrase, pfxBase64, pfxPassword, ...identity } =
    request;
  const material: ImportMaterial = {
    certificatePem,
    privateKeyPem,
    privateKeyPassphrase,
    pfxBase64,
    pfxPassword,
  };
  const recipient = Buffer.from(key.publicKey, 'base64url');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralRaw = ephemeral.publicKey
    .export({ format: 'der', type: 'spki' })
    .subarray(SPKI_X25519_PREFIX.length);
  const shared = diffieHellman({
    privateKey: ephemeral.privateKey,
    publicKey: createPublicKey({
      key: Buffer.concat([SPKI_X25519_PREFIX, recipient]),
      format: 'der',
      type: 'spki',
    }),
  });
  const aesKey = Buffer.from(
    hkdfSync('sha256', shared, Buffer.concat([ephemeralRaw, recipient]), IMPORT_SEALING_INFO, 32),
  );
  shared.fill(0);
  const plaintext = Buffer.from(JSON.stringify(material), 'utf8');
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
    cipher.setAAD(Buffer.from(importSealingAad(key.keyId, request.instanceAlias), 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const sealed: SealedImportMaterial = {
      algorithm: IMPORT_SEALING_ALGORITHM,
      keyId: key.keyId,
      ephemeralPublicKey: ephemeralRaw.toString('base64url'),
      iv: iv.toString('base64url'),
      tag: cipher.getAuthTag().toString('base64url'),
      ciphertext: ciphertext.toString('base64url'),
    };
    return { ...identity, sealed };
  } finally {
    aesKey.fill(0);
    plaintext.fill(0);
  }
}

/** Fetches the current import key, seals the import to it and sends it: the only way to import. */
export async function sendSealedImport(
  rpc: RpcClient,
  request: ImportCredentialRequest,
  options: { timeoutMs?: number } = {},
): Promise<CredentialView> {
  const key = await rpc.send(Subjects.GetImportKey, {});
  return rpc.send(Subjects.ImportCredential, sealImport(key, request), options);
}
