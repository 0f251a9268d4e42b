import { CredentialsError, CredentialsErrorCode } from '../errors';
import { hkdfSync, randomBytes } from 'node:crypto';
import { gcmDecrypt, gcmEncrypt } from './aes-gcm';
import { MASTER_KEY_LENGTH, assertMasterKeyId, parseMasterKeys, type MasterKey } from './master-key';
import {
  DATA_KEY_LENGTH,
  GCM_IV_LENGTH,
  GCM_TAG_LENGTH,
  SEALED_SECRET_VERSION,
  assertSealedShape,
  type SealedSecret,
} from './sealed-secret';

// Domain separation: the two layers use different associated data, so a wrapped data key can never be
// passed off as data or the other way round. The record's associated data is part of both layers,
// so a sealed key copied onto another credential fails to open.
const DATA_CONTEXT = 'archive365/sealed-secret/data/v1';
const WRAP_CONTEXT = 'archive365/sealed-secret/data-key/v1';

/**
 * Envelope encryption with AES-256-GCM under a set of configured master keys, one of them active.
 * Keys live in private fields, so neither `console.log` nor `util.inspect` of a ring shows them.
 */
export class MasterKeyRing {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #activeKeyId: string;

  constructor(keys: readonly MasterKey[], activeKeyId: string) {
    const copies = new Map<string, Buffer>();
    for (const { id, key } of keys) {
      assertMasterKeyId(id, 'Master key');
      if (key.length !== MASTER_KEY_LENGTH) {
        throw new CredentialsError(
          CredentialsErrorCode.MasterKeyConfigInvalid,
          `Master key "${id}" has ${key.length} bytes; it must be exactly ${MASTER_KEY_LENGTH}.`,
          { masterKeyId: id },
        );
      }
      copies.set(id, Buffer.from(key));
    }
    if (!copies.has(activeKeyId)) {
      throw new CredentialsError(
        CredentialsErrorCode.MasterKeyConfigInvalid,
        `The active master key id "${activeKeyId}" is not among the configured master keys (${[...copies.keys()].join(', ') || 'none'}); configure it or pick one of those.`,
        { masterKeyId: activeKeyId },
      );
    }
    this.#keys = copies;
    this.#activeKeyId = activeKeyId;
  }

  /** Builds a ring from the `id:base64,id:base64` configuration string. */
  static fromConfig(config: string, activeKeyId: string): MasterKeyRing {
    return new MasterKeyRing(parseMasterKeys(config), activeKeyId);
  }

  get activeKeyId(): string {
    return this.#activeKeyId;
  }

  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  /** Encrypts under a fresh data key, wrapped with the active master key. */
  seal(plaintext: Buffer | string, associatedData: string): SealedSecret {
    const aad = requireAssociatedData(associatedData);
    const dataKey = randomBytes(DATA_KEY_LENGTH);
    try {
      const data = gcmEncrypt(dataKey, Buffer.from(plaintext), dataAad(aad));
      return {
        version: SEALED_SECRET_VERSION,
        masterKeyId: this.#activeKeyId,
        wrappedDataKey: this.#wrap(dataKey, this.#activeKeyId, aad),
        iv: data.iv,
        tag: data.tag,
        ciphertext: data.ciphertext,
      };
    } finally {
      dataKey.fill(0);
    }
  }

  open(sealed: SealedSecret, associatedData: string): Buffer {
    const aad = requireAssociatedData(associatedData);
    assertSealedShape(sealed);
    const dataKey = this.#unwrap(sealed, aad);
    try {
      const plaintext = gcmDecrypt(dataKey, sealed, dataAad(aad));
      if (!plaintext) {
        throw new CredentialsError(
          CredentialsErrorCode.SecretTampered,
          `The sealed secret failed its integrity check: it was altered, or it belongs to another record than "${associatedData}". Restore the record from a backup or create the credential again.`,
          { masterKeyId: sealed.masterKeyId },
        );
      }
      return plaintext;
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * A 32-byte key for another purpose, derived from a master key with HKDF-SHA256 (RFC 5869) and the
   * purpose as `info`, so that every replica with the same configuration derives the same key and the
   * master key itself is never used for two things.
   */
  deriveKey(purpose: string, masterKeyId: string = this.#activeKeyId): Buffer {
    return Buffer.from(hkdfSync('sha256', this.#masterKey(masterKeyId), Buffer.alloc(0), purpose, 32));
  }

  /** True when the secret is sealed under a master key other than the active one. */
  needsRewrap(sealed: SealedSecret): boolean {
    return sealed.masterKeyId !== this.#activeKeyId;
  }

  /**
   * Re-encrypts only the data key under the active master key (master key rotation); the encrypted
   * data, its iv and its tag stay byte for byte the same.
   */
  rewrap(sealed: SealedSecret, associatedData: string): SealedSecret {
    const aad = requireAssociatedData(associatedData);
    assertSealedShape(sealed);
    if (!this.needsRewrap(sealed)) {
      return sealed;
    }
    const dataKey = this.#unwrap(sealed, aad);
    try {
      return {
        ...sealed,
        masterKeyId: this.#activeKeyId,
        wrappedDataKey: this.#wrap(dataKey, this.#activeKeyId, aad),
      };
    } finally {
      dataKey.fill(0);
    }
  }

  #wrap(dataKey: Buffer, masterKeyId: string, aad: string): Buffer {
    const box = gcmEncrypt(this.#masterKey(masterKeyId), dataKey, wrapAad(masterKeyId, aad));
    return Buffer.concat([box.iv, box.ciphertext, box.tag]);
  }

  #unwrap(sealed: SealedSecret, aad: string): Buffer {
    const wrapped = sealed.wrappedDataKey;
    const box = {
      iv: wrapped.subarray(0, GCM_IV_LENGTH),
      ciphertext: wrapped.subarray(GCM_IV_LENGTH, wrapped.length - GCM_TAG_LENGTH),
      tag: wrapped.subarray(wrapped.length - GCM_TAG_LENGTH),
    };
    const dataKey = gcmDecrypt(this.#masterKey(sealed.masterKeyId), box, wrapAad(sealed.masterKeyId, aad));
    if (!dataKey) {
      throw new CredentialsError(
        CredentialsErrorCode.MasterKeyMismatch,
        `Master key "${sealed.masterKeyId}" cannot unwrap this secret: the configured value of "${sealed.masterKeyId}" is not the one the secret was sealed with, or the record was altered or copied from another record than "${aad}". Configure the original value of "${sealed.masterKeyId}".`,
        { masterKeyId: sealed.masterKeyId },
      );
    }
    return dataKey;
  }

  #masterKey(id: string): Buffer {
    const key = this.#keys.get(id);
    if (!key) {
      throw new CredentialsError(
        CredentialsErrorCode.UnknownMasterKey,
        `The secret is sealed with master key "${id}", which is not configured (configured: ${this.keyIds.join(', ')}). Add "${id}" back to the master keys; retire a master key only after every secret has been rewrapped.`,
        { masterKeyId: id },
      );
    }
    return key;
  }
}

function requireAssociatedData(associatedData: string): string {
  // Without it a sealed key could be moved between records unnoticed; that is a programming error.
  if (associatedData.length === 0) {
    throw new TypeError(
      'Sealing needs associated data naming the record the secret belongs to (e.g. the credential id).',
    );
  }
  return associatedData;
}

function dataAad(aad: string): Buffer {
  return Buffer.from(`${DATA_CONTEXT}\u0000${aad}`, 'utf8');
}

function wrapAad(masterKeyId: string, aad: string): Buffer {
  return Buffer.from(`${WRAP_CONTEXT}\u0000${masterKeyId}\u0000${aad}`, 'utf8');
}
