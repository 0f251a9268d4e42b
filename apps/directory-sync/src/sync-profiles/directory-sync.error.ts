import { ErrorCode, type RpcErrorBody } from '@archive365/contracts';
import type { ExposableError } from '@archive365/messaging';

export enum DirectorySyncErrorCode {
  ProfileNotFound = 'PROFILE_NOT_FOUND',
  CredentialOfOtherInstance = 'CREDENTIAL_OF_OTHER_INSTANCE',
}

/** The one exception class of the directory-sync service. */
export class DirectorySyncError extends Error implements ExposableError {
  constructor(
    readonly code: DirectorySyncErrorCode,
    readonly publicMessage: string,
    readonly details: { field?: string; hint?: string } = {},
  ) {
    super(publicMessage);
    this.name = 'DirectorySyncError';
  }

  toRpcError(): RpcErrorBody {
    return { code: toSharedCode(this.code), message: this.publicMessage, reason: this.code, ...this.details };
  }
}

function toSharedCode(code: DirectorySyncErrorCode): ErrorCode {
  switch (code) {
    case DirectorySyncErrorCode.ProfileNotFound:
      return ErrorCode.NotFound;
    case DirectorySyncErrorCode.CredentialOfOtherInstance:
      return ErrorCode.ValidationFailed;
  }
}
