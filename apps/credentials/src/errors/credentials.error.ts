import { ErrorCode } from '@archive365/contracts';
import { PublicError } from '@archive365/messaging';

/** Why a credentials-service request failed. */
export enum CredentialsErrorCode {
  InstanceNotFound = 'INSTANCE_NOT_FOUND',
  InstanceAliasTaken = 'INSTANCE_ALIAS_TAKEN',
  CredentialNotFound = 'CREDENTIAL_NOT_FOUND',
  /** The certificate or key given for import (or the options for a new one) are not usable. */
  CertificateRejected = 'CERTIFICATE_REJECTED',
  /** Entra ID refused or could not issue a token; `reason` carries the AADSTS code. */
  TokenRequestFailed = 'TOKEN_REQUEST_FAILED',
  /** The rotation step does not fit the certificates' current states. */
  RotationStepInvalid = 'ROTATION_STEP_INVALID',
  CredentialInUse = 'CREDENTIAL_IN_USE',
  /** Whether a credential is in use could not be confirmed (a service did not answer). */
  UsageUnknown = 'USAGE_UNKNOWN',
  /** A stored private key could not be opened (master key configuration, or a tampered row). */
  SecretUnreadable = 'SECRET_UNREADABLE',
}

/** The one exception class of the credentials service; `publicMessage` is what an administrator sees. */
export class CredentialsError extends PublicError<CredentialsErrorCode> {
  protected sharedCode(code: CredentialsErrorCode): ErrorCode {
    switch (code) {
      case CredentialsErrorCode.InstanceNotFound:
      case CredentialsErrorCode.CredentialNotFound:
        return ErrorCode.NotFound;
      case CredentialsErrorCode.InstanceAliasTaken:
      case CredentialsErrorCode.RotationStepInvalid:
      case CredentialsErrorCode.CredentialInUse:
        return ErrorCode.Conflict;
      case CredentialsErrorCode.CertificateRejected:
        return ErrorCode.ValidationFailed;
      case CredentialsErrorCode.TokenRequestFailed:
      case CredentialsErrorCode.UsageUnknown:
        return ErrorCode.DependencyFailed;
      case CredentialsErrorCode.SecretUnreadable:
        return ErrorCode.Internal;
    }
  }
}
