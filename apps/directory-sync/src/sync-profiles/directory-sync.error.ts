import { ErrorCode } from '@archive365/contracts';
import { PublicError } from '@archive365/messaging';

export enum DirectorySyncErrorCode {
  ProfileNotFound = 'PROFILE_NOT_FOUND',
  CredentialOfOtherInstance = 'CREDENTIAL_OF_OTHER_INSTANCE',
}

/** The one exception class of the directory-sync service. */
export class DirectorySyncError extends PublicError<DirectorySyncErrorCode> {
  protected sharedCode(code: DirectorySyncErrorCode): ErrorCode {
    switch (code) {
      case DirectorySyncErrorCode.ProfileNotFound:
        return ErrorCode.NotFound;
      case DirectorySyncErrorCode.CredentialOfOtherInstance:
        return ErrorCode.ValidationFailed;
    }
  }
}
