import { ErrorCode } from '@archive365/contracts';
import { PublicError } from '@archive365/messaging';

export enum DirectorySyncErrorCode {
  ProfileNotFound = 'PROFILE_NOT_FOUND',
  CredentialOfOtherInstance = 'CREDENTIAL_OF_OTHER_INSTANCE',
  /** The provider's credential needs the customer's tenant, known from a succeeded consent setup. */
  ConsentTenantUnknown = 'CONSENT_TENANT_UNKNOWN',
  CredentialNotFound = 'CREDENTIAL_NOT_FOUND',
  /** The credentials service did not answer. */
  CredentialsUnavailable = 'CREDENTIALS_UNAVAILABLE',
  /** No credential is assigned to the instance's directory sync yet. */
  NoCredential = 'NO_CREDENTIAL',
  /** The groups filter needs at least one group. */
  NoGroups = 'NO_GROUPS',
  RunNotFound = 'RUN_NOT_FOUND',
  /** Another run of the instance holds it (on this or another replica). */
  RunInProgress = 'RUN_IN_PROGRESS',
  /** Only a held run can be approved or rejected. */
  RunNotHeld = 'RUN_NOT_HELD',
  /** A delta run needs a full run first (or the delta link expired). */
  NoDeltaLink = 'NO_DELTA_LINK',
  /** Graph refused or did not answer a directory read made for an administrator (group search). */
  DirectoryUnreadable = 'DIRECTORY_UNREADABLE',
}

/** The one exception class of the directory-sync service. */
export class DirectorySyncError extends PublicError<DirectorySyncErrorCode> {
  protected sharedCode(code: DirectorySyncErrorCode): ErrorCode {
    switch (code) {
      case DirectorySyncErrorCode.ProfileNotFound:
      case DirectorySyncErrorCode.CredentialNotFound:
      case DirectorySyncErrorCode.RunNotFound:
        return ErrorCode.NotFound;
      case DirectorySyncErrorCode.CredentialsUnavailable:
      case DirectorySyncErrorCode.DirectoryUnreadable:
        return ErrorCode.DependencyFailed;
      case DirectorySyncErrorCode.CredentialOfOtherInstance:
      case DirectorySyncErrorCode.NoGroups:
        return ErrorCode.ValidationFailed;
      case DirectorySyncErrorCode.NoCredential:
      case DirectorySyncErrorCode.ConsentTenantUnknown:
      case DirectorySyncErrorCode.RunInProgress:
      case DirectorySyncErrorCode.RunNotHeld:
      case DirectorySyncErrorCode.NoDeltaLink:
        return ErrorCode.Conflict;
    }
  }
}

export function profileNotFound(alias: string): DirectorySyncError {
  return new DirectorySyncError(
    DirectorySyncErrorCode.ProfileNotFound,
    `no sync profile for instance "${alias}"`,
    { field: 'instanceAlias', hint: 'the profile is created with the instance; check the alias' },
  );
}
