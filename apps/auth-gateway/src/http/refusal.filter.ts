import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import { refusalText } from '../errors/refusal-text';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';
import { refusalPage } from '../pages/refusal-page';

/** Any failure as a refusal: known ones keep their code; unexpected ones are logged and shown as unavailable. */
export function toSignInError(exception: unknown, logger: Logger): SignInError {
  if (exception instanceof SignInError) {
    logger.log({ code: exception.code, detail: exception.details.internal }, 'sign-in refused');
    return exception;
  }
  if (exception instanceof ThrottlerException) {
    // Logged here: the sign-in routes have no request logger that would show the 429.
    logger.log({ code: SignInErrorCode.RateLimited }, 'sign-in refused');
    return new SignInError(SignInErrorCode.RateLimited);
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    return new SignInError(
      exception.getStatus() === HttpStatus.NOT_FOUND
        ? SignInErrorCode.NotAvailable
        : SignInErrorCode.InvalidRequest,
    );
  }
  logger.error({ err: exception }, 'unexpected failure in the auth gateway');
  return new SignInError(SignInErrorCode.DependencyFailed);
}

/** Browser pages: the refusal page in plain words. */
@Catch()
export class HtmlRefusalFilter implements ExceptionFilter {
  private readonly logger = new Logger('SignIn');

  catch(exception: unknown, host: ArgumentsHost): void {
    const error = toSignInError(exception, this.logger);
    const { status, html } = refusalPage(error);
    host.switchToHttp().getResponse<Response>().status(status).type('html').send(html);
  }
}

/** Endpoints the add-in calls with fetch: `{error: {code, message, hint, field?, reason?}}`. */
@Catch()
export class JsonRefusalFilter implements ExceptionFilter {
  private readonly logger = new Logger('SignInApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const error = toSignInError(exception, this.logger);
    const text = refusalText(error.code);
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(text.status)
      .json({
        error: {
          code: error.code,
          message: error.details.explanation ?? text.message,
          hint: text.hint,
          ...(error.details.field ? { field: error.details.field } : {}),
          ...(error.details.aadsts ? { reason: error.details.aadsts } : {}),
        },
      });
  }
}
