import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import { AdminApiErrorCode, ErrorCode, type ProblemDetails } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import type { Request, Response } from 'express';
import { AdminApiError, type AdminApiErrorBody } from './admin-api.error';
import { codeOfHttpStatus, httpStatusOf, problemTitleOf } from './http-error.mapper';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Every API error is an RFC 9457 problem (`application/problem+json`) carrying the public description
 * only: `detail` plus the platform's `code`, `field`, `reason` and `hint`. Unexpected failures are
 * logged here and answered without detail.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const [status, body] = this.describe(exception);
    if (response.headersSent) {
      // A stream (events, export) failed after it started: nothing more can be said to the client.
      response.end();
      return;
    }
    // For the audit log's outcome.
    response.locals['errorCode'] = body.code;
    if (body.code === AdminApiErrorCode.Unauthenticated) {
      // RFC 6750 section 3: a 401 names the scheme the client should use.
      response.setHeader('WWW-Authenticate', 'Bearer realm="archive365"');
    }
    response
      .status(status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(toProblem(status, body, request)));
  }

  private describe(exception: unknown): [number, AdminApiErrorBody] {
    if (exception instanceof AdminApiError) {
      return [httpStatusOf(exception.body.code), exception.body];
    }
    if (exception instanceof RpcCallError) {
      return [httpStatusOf(exception.body.code), exception.body];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return [status, { code: codeOfHttpStatus(status), message: messageOf(exception) }];
    }
    if (isClientHttpError(exception)) {
      // Raised by the HTTP layer before our code (body too large, malformed JSON): the client's fault.
      return [
        exception.status,
        {
          code: ErrorCode.ValidationFailed,
          message: `the request body was refused: ${exception.message}`,
          reason: exception.status === HttpStatus.PAYLOAD_TOO_LARGE ? 'BODY_TOO_LARGE' : 'BODY_UNREADABLE',
        },
      ];
    }
    this.logger.error({ err: exception }, 'Unexpected failure answering an API request');
    return [
      HttpStatus.INTERNAL_SERVER_ERROR,
      { code: ErrorCode.Internal, message: 'internal error; the service logged the detail' },
    ];
  }
}

/** Answers with a problem; also used by middleware that refuses a request before any route. */
export function sendProblem(
  request: Request,
  response: Response,
  status: number,
  body: AdminApiErrorBody,
): void {
  // For the audit log's outcome.
  response.locals['errorCode'] = body.code;
  if (body.code === AdminApiErrorCode.Unauthenticated) {
    // RFC 6750 section 3: a 401 names the scheme the client should use.
    response.setHeader('WWW-Authenticate', 'Bearer realm="archive365"');
  }
  response
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(toProblem(status, body, request)));
}

function toProblem(status: number, body: AdminApiErrorBody, request: Request): ProblemDetails {
  const { code, message, field, reason, hint } = body;
  return {
    type: `urn:archive365:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: problemTitleOf(code),
    status,
    detail: message,
    // The path only: a query string may carry values that do not belong in an error report.
    instance: request.path,
    code,
    ...(field === undefined ? {} : { field }),
    ...(reason === undefined ? {} : { reason }),
    ...(hint === undefined ? {} : { hint }),
  };
}

/** An error from Express's body parser (http-errors): a 4xx status and a message safe to show. */
function isClientHttpError(error: unknown): error is { status: number; message: string } {
  if (typeof error !== 'object' || error === null) return false;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true;
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const message = (response as { message: unknown }).message;
    return Array.isArray(message) ? message.join('; ') : String(message);
  }
  return exception.message;
}
