export enum KeyVaultErrorCode {
  /** The master key configuration could not be parsed or is incomplete. */
  MASTER_KEY_CONFIG_INVALID = 'MASTER_KEY_CONFIG_INVALID',
  /** A secret was sealed with a master key id that is not configured. */
  UNKNOWN_MASTER_KEY = 'UNKNOWN_MASTER_KEY',
  /** The configured key with that id is not the one the secret was sealed with (or the record was altered). */
  MASTER_KEY_MISMATCH = 'MASTER_KEY_MISMATCH',
  /** The data key unwrapped but the data failed authentication: altered, or sealed for another record. */
  SECRET_TAMPERED = 'SECRET_TAMPERED',
  /** The stored form is not a sealed secret this code can read. */
  SEALED_FORMAT_INVALID = 'SEALED_FORMAT_INVALID',
}

/**
 * A failure to seal or open a secret. Messages name the master key id and say what to do; they never
 * carry key bytes, plaintext or an OpenSSL stack trace.
 */
export class KeyVaultError extends Error {
  constructor(
    readonly code: KeyVaultErrorCode,
    message: string,
    readonly masterKeyId?: string,
  ) {
    super(message);
    this.name = 'KeyVaultError';
  }
}
