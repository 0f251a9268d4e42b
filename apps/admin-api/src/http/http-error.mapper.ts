import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@archive365/contracts';

/** The one mapping from the platform's error codes to HTTP statuses. */
export function httpStatusOf(code: ErrorCode): HttpStatus {
  switch (code) {
    case ErrorCode.ValidationFailed:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.NotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.Conflict:
      return HttpStatus.CONFLICT;
    case ErrorCode.DependencyFailed:
      return HttpStatus.BAD_GATEWAY;
    case ErrorCode.Timeout:
      return HttpStatus.GATEWAY_TIMEOUT;
    case ErrorCode.Internal:
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}
