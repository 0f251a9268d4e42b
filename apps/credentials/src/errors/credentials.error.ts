import { ErrorCode, type RpcErrorBody } from '@archive365/contracts';
import type { ExposableError } from '@archive365/messaging';

/** Why a credentials-service request failed. */
export enum CredentialsErrorCode {
  InstanceNotFound = 'INSTANCE_NOT_FOUND',
  InstanceAliasTaken = 'INSTANCE_ALIAS_TAKEN',
}

/** The one exception class of the credentials service; `publicMessage` is what an administrator sees. */
export class CredentialsError extends Error implements ExposableError {
  constructor(
    readonly code: CredentialsErrorCode,
    readonly publicMessage: string,
    readonly details: { field?: string; hint?: string } = {},
  ) {
    super(publicMessage);
    this.name = 'CredentialsError';
  }

  toRpcError(): RpcErrorBody {
    return { code: toSharedCode(this.code), message: this.publicMessage, reason: this.code, ...this.details };
  }
}

function toSharedCode(code: CredentialsErrorCode): ErrorCode {
  switch (code) {
    case CredentialsErrorCode.InstanceNotFound:
      return ErrorCode.NotFound;
    case CredentialsErrorCode.InstanceAliasTaken:
      return ErrorCode.Conflict;
  }
}
