import { CredentialsError, CredentialsErrorCode } from '../errors';
import { MASTER_KEY_ID_PATTERN } from './master-key';

export const SEALED_SECRET_VERSION = 1;

/**
 * A secret under envelope encryption: the data is encrypted with its own random data key
 * (AES-256-GCM), and the data key is encrypted ("wrapped") with a master key, whose id is kept so the
 * master key can be rotated by rewrapping without touching the data.
 */
export interface SealedSecret {
  readonly version: typeof SEALED_SECRET_VERSION;
  readonly masterKeyId: string;
  /** iv (12) || encrypted data key (32) || tag (16) */
  readonly wrappedDataKey: Buffer;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly ciphertext: Buffer;
}

export const GCM_IV_LENGTH = 12;
export const GCM_TAG_LENGTH = 16;
export const DATA_KEY_LENGTH = 32;
const WRAPPED_DATA_KEY_LENGTH = GCM_IV_LENGTH + DATA_KEY_LENGTH + GCM_TAG_LENGTH;
const PREFIX = `v${SEALED_SECRET_VERSION}`;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** One line for a text column: `v1.<masterKeyId>.<wrappedDataKey>.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function serializeSealedSecret(sealed: SealedSecret): string {
  return [
    PREFIX,
    sealed.masterKeyId,
    sealed.wrappedDataKey.toString('base64url'),
    sealed.iv.toString('base64url'),
    sealed.tag.toString('base64url'),
    sealed.ciphertext.toString('base64url'),
  ].join('.');
}

export function parseSealedSecret(serialized: string): SealedSecret {
  const parts = serialized.split('.');
  if (parts.length !== 6 || parts[0] !== PREFIX) {
    throw invalid(
      parts[0]?.startsWith('v') && parts[0] !== PREFIX
        ? `Sealed secret version "${parts[0].slice(0, 8)}" is not supported by this release; upgrade the credentials service.`
        : 'The stored value is not a sealed secret (expected "v1.<key id>.<...>"); the column may have been edited by hand.',
    );
  }
  const [, masterKeyId, wrapped, iv, tag, ciphertext] = parts;
  if (
    !MASTER_KEY_ID_PATTERN.test(masterKeyId) ||
    ![wrapped, iv, tag, ciphertext].every((part) => BASE64URL.test(part))
  ) {
    throw invalid(
      'The stored sealed secret is damaged (bad key id or encoding); restore the record from a backup.',
    );
  }
  const sealed: SealedSecret = {
    version: SEALED_SECRET_VERSION,
    masterKeyId,
    wrappedDataKey: Buffer.from(wrapped, 'base64url'),
    iv: Buffer.from(iv, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
  };
  assertSealedShape(sealed);
  return sealed;
}

/** Lengths are fixed by the format; checking them turns a damaged record into a clear error. */
export function assertSealedShape(sealed: SealedSecret): void {
  if (
    sealed.version !== SEALED_SECRET_VERSION ||
    sealed.wrappedDataKey.length !== WRAPPED_DATA_KEY_LENGTH ||
    sealed.iv.length !== GCM_IV_LENGTH ||
    sealed.tag.length !== GCM_TAG_LENGTH
  ) {
    throw invalid(
      'The stored sealed secret is damaged (field lengths are wrong); restore the record from a backup.',
    );
  }
}

function invalid(message: string): CredentialsError {
  return new CredentialsError(CredentialsErrorCode.SealedFormatInvalid, message);
}
