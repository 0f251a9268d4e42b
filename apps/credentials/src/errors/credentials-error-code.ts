/**
 * Every reason a request to the credentials service can fail, in one enum: the value is the `reason`
 * callers see (stable, upper-case), the member name is how the code refers to it. Each code maps to
 * exactly one of the platform's shared codes in `sharedCodeOf` (an exhaustive switch).
 */
export enum CredentialsErrorCode {
  // Instances and credentials
  InstanceNotFound = 'INSTANCE_NOT_FOUND',
  InstanceAliasTaken = 'INSTANCE_ALIAS_TAKEN',
  CredentialNotFound = 'CREDENTIAL_NOT_FOUND',
  /** A credential's certificates hold no active one: a broken rotation state, never expected. */
  NoActiveCertificate = 'NO_ACTIVE_CERTIFICATE',
  CredentialInUse = 'CREDENTIAL_IN_USE',
  /** An idempotency key already used for a different create or import. */
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  /** The certificate given for import already belongs to another credential of the instance. */
  CertificateAlreadyImported = 'CERTIFICATE_ALREADY_IMPORTED',
  /** Whether a credential is in use could not be confirmed (a service did not answer). */
  UsageUnknown = 'USAGE_UNKNOWN',

  // Certificates given for import, or options for a new one
  /** The request's certificate fields do not fit together (e.g. both PEM and PFX). */
  CertificateRejected = 'CERTIFICATE_REJECTED',
  InvalidParameters = 'INVALID_PARAMETERS',
  MalformedCertificate = 'MALFORMED_CERTIFICATE',
  MalformedPrivateKey = 'MALFORMED_PRIVATE_KEY',
  PasswordRequired = 'PASSWORD_REQUIRED',
  WrongPassword = 'WRONG_PASSWORD',
  NoPrivateKey = 'NO_PRIVATE_KEY',
  NoCertificate = 'NO_CERTIFICATE',
  UnsupportedKeyType = 'UNSUPPORTED_KEY_TYPE',
  KeyTooSmall = 'KEY_TOO_SMALL',
  KeyDoesNotMatch = 'KEY_DOES_NOT_MATCH',
  CertificateExpired = 'CERTIFICATE_EXPIRED',
  /** A PFX without an integrity check (MAC): its contents cannot be trusted to be what was exported. */
  PfxWithoutMac = 'PFX_WITHOUT_MAC',
  /** Decoding the key asks for more work than an import may take (iterations, time). */
  ImportTooExpensive = 'IMPORT_TOO_EXPENSIVE',

  // Rotation
  /** The rotation step does not fit the certificates' current states. */
  RotationStepInvalid = 'ROTATION_STEP_INVALID',
  RotationAlreadyPending = 'ROTATION_ALREADY_PENDING',
  CertificateNotFound = 'CERTIFICATE_NOT_FOUND',
  DuplicateCertificateId = 'DUPLICATE_CERTIFICATE_ID',
  NotProven = 'NOT_PROVEN',
  InvalidTransition = 'INVALID_TRANSITION',
  /** A retired certificate was asked to sign. */
  CertificateNotCurrent = 'CERTIFICATE_NOT_CURRENT',

  // Sealed private keys and master keys
  /** The master key configuration could not be parsed or is incomplete. */
  MasterKeyConfigInvalid = 'MASTER_KEY_CONFIG_INVALID',
  /** A secret was sealed with a master key id that is not configured. */
  UnknownMasterKey = 'UNKNOWN_MASTER_KEY',
  /** The configured key with that id is not the one the secret was sealed with (or the record was altered). */
  MasterKeyMismatch = 'MASTER_KEY_MISMATCH',
  /** The data key unwrapped but the data failed authentication: altered, or sealed for another record. */
  SecretTampered = 'SECRET_TAMPERED',
  /** The stored form is not a sealed secret this code can read. */
  SealedFormatInvalid = 'SEALED_FORMAT_INVALID',

  // Entra ID
  /** Entra ID refused or could not issue a token; `reason` carries the AADSTS code. */
  TokenRequestFailed = 'TOKEN_REQUEST_FAILED',
}
