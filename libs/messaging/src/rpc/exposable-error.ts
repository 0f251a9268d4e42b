import { ErrorCode, type RpcErrorBody } from '@archive365/contracts';

/**
 * A service exception that knows its public face. Each service's exception class implements this;
 * anything else thrown by a handler is a bug and answers `INTERNAL` with no detail.
 */
export interface ExposableError {
  toRpcError(): RpcErrorBody;
}

export function isExposableError(error: unknown): error is ExposableError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as Partial<ExposableError>).toRpcError === 'function'
  );
}

export function toRpcErrorBody(error: unknown): RpcErrorBody {
  if (isExposableError(error)) {
    return error.toRpcError();
  }
  return { code: ErrorCode.Internal, message: 'internal error; the service logged the detail' };
}
