import { HttpStatus } from '@nestjs/common';
import { AdminApiErrorCode, ErrorCode, type ApiErrorCode } from '@archive365/contracts';

/** The one mapping from error codes (the platform's and the admin API's own) to HTTP statuses. */
export function httpStatusOf(code: ApiErrorCode): HttpStatus {
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
    case AdminApiErrorCode.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case AdminApiErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case AdminApiErrorCode.RateLimited:
      return HttpStatus.TOO_MANY_REQUESTS;
  }
}

/** The problem's `title`: a short, fixed summary of the code (RFC 9457 section 3.1.4). */
export function problemTitleOf(code: ApiErrorCode): string {
  switch (code) {
    case ErrorCode.ValidationFailed:
      return 'The request is not valid';
    case ErrorCode.NotFound:
      return 'Not found';
    case ErrorCode.Conflict:
      return 'Conflicts with the current state';
    case ErrorCode.DependencyFailed:
      return 'A dependency failed';
    case ErrorCode.Timeout:
      return 'No answer in time';
    case ErrorCode.Internal:
      return 'Internal error';
    case AdminApiErrorCode.Unauthenticated:
      return 'Authentication required';
    case AdminApiErrorCode.Forbidden:
      return 'Not allowed';
    case AdminApiErrorCode.RateLimited:
      return 'Too many requests';
  }
}

/** The code an HTTP status raised by the framework (not by us) stands for. */
export function codeOfHttpStatus(status: number): ApiErrorCode {
  if (status === HttpStatus.NOT_FOUND) return ErrorCode.NotFound;
  if (status === HttpStatus.UNAUTHORIZED) return AdminApiErrorCode.Unauthenticated;
  if (status === HttpStatus.FORBIDDEN) return AdminApiErrorCode.Forbidden;
  if (status === HttpStatus.TOO_MANY_REQUESTS) return AdminApiErrorCode.RateLimited;
  if (status === HttpStatus.CONFLICT) return ErrorCode.Conflict;
  if (status === HttpStatus.BAD_GATEWAY) return ErrorCode.DependencyFailed;
  if (status === HttpStatus.GATEWAY_TIMEOUT) return ErrorCode.Timeout;
  if (status >= 500) return ErrorCode.Internal;
  return ErrorCode.ValidationFailed;
}
