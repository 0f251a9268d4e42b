import { ErrorCode } from '@archive365/contracts';
import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE } from './api-exception.filter';
import { problemTitleOf } from './http-error.mapper';

/**
 * The API reads JSON only. A browser can send a cross-site form (`application/x-www-form-urlencoded`,
 * `multipart/form-data`, `text/plain`) without a CORS preflight, but never `application/json`: refusing
 * every other type of body closes that cross-site request forgery path (OWASP CSRF Prevention Cheat
 * Sheet, "Use of Custom Request Headers" / content-type checks).
 */
export function jsonOnly(request: Request, response: Response, next: NextFunction): void {
  if (!hasBody(request) || isJson(request.headers['content-type'])) {
    next();
    return;
  }
  // Answered here, before any route: the same RFC 9457 problem the exception filter writes.
  const problem = {
    type: 'urn:archive365:problem:validation-failed',
    title: problemTitleOf(ErrorCode.ValidationFailed),
    status: 415,
    detail: 'the request body must be JSON',
    instance: request.path,
    code: ErrorCode.ValidationFailed,
    field: 'Content-Type',
    hint: 'send the body as application/json',
  };
  response.status(415).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}
