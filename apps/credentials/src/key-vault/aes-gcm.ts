import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { GCM_IV_LENGTH, GCM_TAG_LENGTH } from './sealed-secret';

export interface GcmBox {
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/**
 * AES-256-GCM with a fresh random 96-bit IV per message (NIST SP 800-38D section 8.2.2: random IVs
 * are safe well below 2^32 messages per key; every data key here encrypts exactly one message).
 */
export function gcmEncrypt(key: Buffer, plaintext: Buffer, associatedData: Buffer): GcmBox {
  const iv = randomBytes(GCM_IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_LENGTH });
  cipher.setAAD(associatedData);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** Returns undefined when authentication fails, so callers raise their own typed error. */
export function gcmDecrypt(key: Buffer, box: GcmBox, associatedData: Buffer): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, box.iv, { authTagLength: GCM_TAG_LENGTH });
    decipher.setAAD(associatedData);
    decipher.setAuthTag(box.tag);
    return Buffer.concat([decipher.update(box.ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}
