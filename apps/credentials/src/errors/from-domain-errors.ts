import { CertificateError } from '../certificates';
import { KeyVaultError } from '../key-vault';
import { RotationError } from '../lifecycle';
import { TokenRequestError } from '../token-errors';
import { CredentialsError, CredentialsErrorCode } from './credentials.error';

/**
 * Turns the domain modules' typed errors into the service's public error; anything else is left
 * alone (and answered as an internal error by the RPC server, with the detail only in the log).
 */
export function toCredentialsError(error: unknown): unknown {
  if (error instanceof CertificateError) {
    return new CredentialsError(CredentialsErrorCode.CertificateRejected, error.message, {
      reason: error.code,
    });
  }
  if (error instanceof RotationError) {
    return new CredentialsError(CredentialsErrorCode.RotationStepInvalid, error.message, {
      reason: error.code,
    });
  }
  if (error instanceof KeyVaultError) {
    // Its messages name key ids and what to do, never key material.
    return new CredentialsError(CredentialsErrorCode.SecretUnreadable, error.message, { reason: error.code });
  }
  if (error instanceof TokenRequestError) {
    const { failure } = error;
    return new CredentialsError(CredentialsErrorCode.TokenRequestFailed, failure.message, {
      reason: failure.aadsts ? `AADSTS${failure.aadsts}` : failure.code,
      hint: failure.hint,
    });
  }
  return error;
}

/** Runs a domain operation, translating its typed errors. */
export async function translatingDomainErrors<T>(operation: () => Promise<T> | T): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toCredentialsError(error);
  }
}
