import { createDecipheriv, diffieHellman, hkdfSync, type KeyObject } from 'node:crypto';
import { IMPORT_SEALING_INFO, importSealingAad, type SealedImportMaterial } from '@archive365/contracts';
import { x25519PublicKey } from './x25519-key-pair';

/**
 * Opens a sealed import (the scheme of `IMPORT_SEALING_ALGORITHM`): the shared secret of our private
 * key and the importer's ephemeral key, HKDF-SHA256 over it with both public keys as salt, then
 * AES-256-GCM with the key id and instance alias as associated data. `undefined` when it does not open.
 */
export function openSealedMaterial(
  sealed: SealedImportMaterial,
  ownKey: { privateKey: KeyObject; publicKeyBase64Url: string },
  instanceAlias: string,
): Buffer | undefined {
  let key: Buffer | undefined;
  try {
    const shared = diffieHellman({
      privateKey: ownKey.privateKey,
      publicKey: x25519PublicKey(sealed.ephemeralPublicKey),
    });
    const salt = Buffer.concat([
      Buffer.from(sealed.ephemeralPublicKey, 'base64url'),
      Buffer.from(ownKey.publicKeyBase64Url, 'base64url'),
    ]);
    key = Buffer.from(hkdfSync('sha256', shared, salt, IMPORT_SEALING_INFO, 32));
    shared.fill(0);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64url'));
    decipher.setAAD(Buffer.from(importSealingAad(sealed.keyId, instanceAlias), 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64url')), decipher.final()]);
  } catch {
    return undefined;
  } finally {
    key?.fill(0);
  }
}
