import { ErrorCode } from '@archive365/contracts';
import { PublicError } from '@archive365/messaging';

/** Why a provisioning request failed. */
export enum ProvisioningErrorCode {
  SetupNotFound = 'SETUP_NOT_FOUND',
  RenewalNotFound = 'RENEWAL_NOT_FOUND',
  /** Another setup of the instance (or renewal of the credential) is under way, perhaps on another replica. */
  AlreadyRunning = 'ALREADY_RUNNING',
  /** The instance or credential is unknown to the credentials service. */
  ReferenceNotFound = 'REFERENCE_NOT_FOUND',
  /** The request does not fit the current state (consent state unknown or used, wrong tenant, ...). */
  StateConflict = 'STATE_CONFLICT',
  /** The service is not configured for this (no provider credential for consent links, ...). */
  NotConfigured = 'NOT_CONFIGURED',
  /** The credentials service did not answer or refused. */
  CredentialsUnavailable = 'CREDENTIALS_UNAVAILABLE',
}

/** The one exception class of the provisioning service. */
export class ProvisioningError extends PublicError<ProvisioningErrorCode> {
  protected sharedCode(code: ProvisioningErrorCode): ErrorCode {
    switch (code) {
      case ProvisioningErrorCode.SetupNotFound:
      case ProvisioningErrorCode.RenewalNotFound:
      case ProvisioningErrorCode.ReferenceNotFound:
        return ErrorCode.NotFound;
      case ProvisioningErrorCode.AlreadyRunning:
      case ProvisioningErrorCode.StateConflict:
        return ErrorCode.Conflict;
      case ProvisioningErrorCode.NotConfigured:
        return ErrorCode.ValidationFailed;
      case ProvisioningErrorCode.CredentialsUnavailable:
        return ErrorCode.DependencyFailed;
    }
  }
}
