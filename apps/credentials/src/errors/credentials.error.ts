import type { ErrorCode } from '@archive365/contracts';
import { PublicError, type PublicErrorDetails } from '@archive365/messaging';
import { CredentialsErrorCode } from './credentials-error-code';
import { sharedCodeOf } from './shared-code';

export { CredentialsErrorCode } from './credentials-error-code';

export interface CredentialsErrorDetails extends PublicErrorDetails {
  /** The master key a key-vault failure concerns (for operators' logs; never key material). */
  masterKeyId?: string;
  /** The certificate a rotation or signing failure concerns. */
  certificateId?: string;
}

/**
 * The one exception class of the credentials service, thrown by its domain modules and services
 * alike. `publicMessage` is what an administrator sees: it says what was wrong and how to fix it,
 * and never contains key material, passwords or tokens.
 */
export class CredentialsError extends PublicError<CredentialsErrorCode> {
  readonly masterKeyId?: string;
  readonly certificateId?: string;

  constructor(code: CredentialsErrorCode, message: string, details: CredentialsErrorDetails = {}) {
    const { masterKeyId, certificateId, ...publicDetails } = details;
    super(code, message, publicDetails);
    this.masterKeyId = masterKeyId;
    this.certificateId = certificateId;
  }

  protected sharedCode(code: CredentialsErrorCode): ErrorCode {
    return sharedCodeOf(code);
  }
}

/** Narrows an unknown failure to the service's error with one of the given codes. */
export function isCredentialsError(
  error: unknown,
  ...codes: CredentialsErrorCode[]
): error is CredentialsError {
  return error instanceof CredentialsError && (codes.length === 0 || codes.includes(error.code));
}
