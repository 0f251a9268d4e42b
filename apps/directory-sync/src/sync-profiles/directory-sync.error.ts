import { ErrorCode } from '@archive365/contracts';
import { PublicError } from '@archive365/messaging';

export enum DirectorySyncErrorCode {
  ProfileNotFound = 'PROFILE_NOT_FOUND',
  CredentialOfOtherInstance = 'CREDENTIAL_OF_OTHER_INSTANCE',
  CredentialNotFound = 'CREDENTIAL_NOT_FOUND',
  /** The credentials service did not answer. */
  CredentialsUnavailable = 'CREDENTIALS_UNAVAILABLE',
}

/** The one exception class of the directory-sync service. */
export class DirectorySyncError extends PublicError<DirectorySyncErrorCode> {
  protected sharedCode(code: DirectorySyncErrorCode): ErrorCode {
    switch (code) {
      case DirectorySyncErrorCode.ProfileNotFound:
      case DirectorySyncErrorCode.CredentialNotFound:
        return ErrorCode.NotFound;
      case DirectorySyncErrorCode.CredentialsUnavailable:
        return ErrorCode.DependencyFailed;
      case DirectorySyncErrorCode.CredentialOfOtherInstance:
        return ErrorCode.ValidationFailed;
    }
  }
}
