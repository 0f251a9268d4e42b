import { ErrorCode } from '@archive365/contracts';
import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from './api-exception.filter';

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
  sendProblem(request, response, 415, {
    code: ErrorCode.ValidationFailed,
    message: 'the request body must be JSON',
    field: 'Content-Type',
    reason: 'BODY_NOT_JSON',
    hint: 'send the body as application/json',
  });
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}
