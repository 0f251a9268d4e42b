import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

// PKCS #8 wrapping of a raw X25519 private key (RFC 8410, section 7): this prefix, then the 32 bytes.
const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
// SubjectPublicKeyInfo of an X25519 public key (RFC 8410, section 4): this prefix, then the 32 bytes.
const SPKI_X25519_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export interface X25519KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The raw public key in base64url, as published to importers. */
  publicKeyBase64Url: string;
}

/** An X25519 key pair from 32 secret bytes (RFC 7748 clamps them; any 32 bytes are a valid key). */
export function x25519FromSeed(seed: Buffer): X25519KeyPair {
  if (seed.length !== 32) throw new Error('an X25519 private key is 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_X25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_X25519_PREFIX.length);
  return { privateKey, publicKey, publicKeyBase64Url: raw.toString('base64url') };
}

/** An importer's raw X25519 public key (base64url) as a key object. */
export function x25519PublicKey(base64Url: string): KeyObject {
  const raw = Buffer.from(base64Url, 'base64url');
  if (raw.length !== 32) throw new Error('an X25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_X25519_PREFIX, raw]), format: 'der', type: 'spki' });
}
