export enum CertificateErrorCode {
  INVALID_PARAMETERS = 'INVALID_PARAMETERS',
  MALFORMED_CERTIFICATE = 'MALFORMED_CERTIFICATE',
  MALFORMED_PRIVATE_KEY = 'MALFORMED_PRIVATE_KEY',
  PASSWORD_REQUIRED = 'PASSWORD_REQUIRED',
  WRONG_PASSWORD = 'WRONG_PASSWORD',
  NO_PRIVATE_KEY = 'NO_PRIVATE_KEY',
  NO_CERTIFICATE = 'NO_CERTIFICATE',
  UNSUPPORTED_KEY_TYPE = 'UNSUPPORTED_KEY_TYPE',
  KEY_TOO_SMALL = 'KEY_TOO_SMALL',
  KEY_DOES_NOT_MATCH = 'KEY_DOES_NOT_MATCH',
  CERTIFICATE_EXPIRED = 'CERTIFICATE_EXPIRED',
}

/**
 * A certificate could not be generated or imported. The message is meant for the administrator
 * (what was wrong and how to fix it) and never contains key material or passwords.
 */
export class CertificateError extends Error {
  constructor(
    readonly code: CertificateErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CertificateError';
  }
}
