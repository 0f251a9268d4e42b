import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import { ErrorCode, type RpcErrorBody } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import type { Response } from 'express';
import { httpStatusOf } from './http-error.mapper';

/**
 * Every API error has one shape, `{ error: { code, message, field?, reason?, hint? } }`: the public
 * description only. Unexpected failures are logged here and answered without detail.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.describe(exception);
    response.status(status).json({ error: body });
  }

  private describe(exception: unknown): [number, RpcErrorBody] {
    if (exception instanceof RpcCallError) {
      return [httpStatusOf(exception.body.code), exception.body];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === HttpStatus.NOT_FOUND ? ErrorCode.NotFound : ErrorCode.ValidationFailed;
      return [status, { code, message: messageOf(exception) }];
    }
    if (isClientHttpError(exception)) {
      // Raised by the HTTP layer before our code (body too large, malformed JSON): the client's fault.
      return [
        exception.status,
        { code: ErrorCode.ValidationFailed, message: `the request body was refused: ${exception.message}` },
      ];
    }
    this.logger.error({ err: exception }, 'Unexpected failure answering an API request');
    return [
      HttpStatus.INTERNAL_SERVER_ERROR,
      { code: ErrorCode.Internal, message: 'internal error; the service logged the detail' },
    ];
  }
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
