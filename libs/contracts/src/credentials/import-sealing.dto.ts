import { Type } from 'class-transformer';
import { IsBase64, IsIn, IsObject, Matches, MaxLength, ValidateNested } from 'class-validator';
import { INSTANCE_ALIAS_PATTERN } from '../instances/instance.dto';
import { CredentialIdentity, IDEMPOTENCY_KEY_MESSAGE, IDEMPOTENCY_KEY_PATTERN } from './credential.dto';
import { OptionalField, SafeText } from '../validation/safe-text';

/**
 * Private keys and passphrases never cross the bus in clear text: an importer seals them to the
 * credentials service's import key (ECDH on X25519 with a fresh ephemeral key, HKDF-SHA256, then
 * AES-256-GCM with the key id and the instance alias as associated data). Only that service can open
 * them; a subscriber to the namespace or to `_INBOX.>` sees ciphertext.
 */
export const IMPORT_SEALING_ALGORITHM = 'X25519-HKDF-SHA256-A256GCM' as const;
/** HKDF `info`: binds derived keys to this use and version. */
export const IMPORT_SEALING_INFO = 'archive365/import-sealing/v1';

export class ImportKeyRequest {
  /** Who asks (a service name), for tracing. */
  @OptionalField()
  @SafeText({ maxLength: 200 })
  caller?: string;
}

export interface ImportKeyReply {
  /** Names the key pair; sealed payloads carry it back. */
  keyId: string;
  algorithm: typeof IMPORT_SEALING_ALGORITHM;
  /** The X25519 public key, raw 32 bytes in base64url. */
  publicKey: string;
}

/** What is sealed: the secret half of an import (PEM certificate and key, or PFX and its password). */
export class ImportMaterial {
  @OptionalField()
  @SafeText({ maxLength: 100_000, multiline: true })
  certificatePem?: string;

  @OptionalField()
  @SafeText({ maxLength: 100_000, multiline: true })
  privateKeyPem?: string;

  @OptionalField()
  @SafeText({ maxLength: 1000 })
  privateKeyPassphrase?: string;

  @OptionalField()
  @IsBase64(undefined, { message: 'pfxBase64 must be the PFX file in base64' })
  @MaxLength(200_000)
  pfxBase64?: string;

  @OptionalField()
  @SafeText({ maxLength: 1000 })
  pfxPassword?: string;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

export class SealedImportMaterial {
  @IsIn([IMPORT_SEALING_ALGORITHM], { message: `sealed.algorithm must be ${IMPORT_SEALING_ALGORITHM}` })
  algorithm!: typeof IMPORT_SEALING_ALGORITHM;

  @SafeText({ maxLength: 100, nonEmpty: true })
  keyId!: string;

  /** The importer's one-time X25519 public key (base64url, 32 bytes). */
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'sealed.ephemeralPublicKey must be 32 bytes in base64url' })
  ephemeralPublicKey!: string;

  @Matches(/^[A-Za-z0-9_-]{16}$/, { message: 'sealed.iv must be 12 bytes in base64url' })
  iv!: string;

  @Matches(/^[A-Za-z0-9_-]{22}$/, { message: 'sealed.tag must be 16 bytes in base64url' })
  tag!: string;

  @Matches(B64URL, { message: 'sealed.ciphertext must be base64url' })
  @MaxLength(600_000)
  ciphertext!: string;
}

/** The import as it travels on the bus: identity fields in clear, key material sealed. */
export class SealedImportCredentialRequest extends CredentialIdentity {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  @IsObject({ message: 'sealed must be the sealed import material' })
  @ValidateNested()
  @Type(() => SealedImportMaterial)
  sealed!: SealedImportMaterial;

  /** Makes the import safe to retry (see CreateCredentialRequest); not secret, so not sealed. */
  @OptionalField()
  @Matches(IDEMPOTENCY_KEY_PATTERN, { message: IDEMPOTENCY_KEY_MESSAGE })
  idempotencyKey?: string;
}

/** Associated data of a sealed import: opening it under another key id or for another instance fails. */
export function importSealingAad(keyId: string, instanceAlias: string): string {
  return JSON.stringify([IMPORT_SEALING_INFO, keyId, instanceAlias]);
}
