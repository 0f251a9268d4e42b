import { ErrorCode } from '@archive365/contracts';
import { PublicError } from '@archive365/messaging';

/** Why an administrator's sign-in settings request failed (NATS replies). */
export enum SettingsErrorCode {
  InstanceNotFound = 'INSTANCE_NOT_FOUND',
  CredentialNotFound = 'CREDENTIAL_NOT_FOUND',
  NotConfigured = 'SIGN_IN_NOT_CONFIGURED',
  DependencyFailed = 'DEPENDENCY_FAILED',
}

export class SettingsError extends PublicError<SettingsErrorCode> {
  protected sharedCode(code: SettingsErrorCode): ErrorCode {
    switch (code) {
      case SettingsErrorCode.InstanceNotFound:
      case SettingsErrorCode.CredentialNotFound:
      case SettingsErrorCode.NotConfigured:
        return ErrorCode.NotFound;
      case SettingsErrorCode.DependencyFailed:
        return ErrorCode.DependencyFailed;
    }
  }
}
