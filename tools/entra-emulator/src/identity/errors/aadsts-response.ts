import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { AadstsError } from './aadsts-error';

export interface AadstsErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
  suberror?: string;
}

/** Microsoft's timestamp format in error bodies: `2016-01-09 02:02:12Z`. */
export function aadTimestamp(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The JSON body Microsoft's token endpoint answers on failure. The correlation id echoes the client's
 * `client-request-id` header (as MSAL sends it), so a client can match its logs to the reply.
 */
export function aadstsErrorBody(
  error: AadstsError,
  req: Request,
  origin: string,
  nowMs: number,
): AadstsErrorBody {
  const traceId = randomUUID();
  const correlationId = correlationIdOf(req);
  const timestamp = aadTimestamp(nowMs);
  return {
    error: error.oauthError,
    // Microsoft separates the footer lines with CRLF, e.g. "...\r\nTrace ID: ...\r\nCorrelation ID: ...".
    error_description: `AADSTS${error.code}: ${error.publicMessage}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [error.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${origin}/error?code=${error.code}`,
    ...(error.suberror ? { suberror: error.suberror } : {}),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function correlationIdOf(req: Request): string {
  const header = req.headers['client-request-id'];
  return typeof header === 'string' && UUID.test(header) ? header : randomUUID();
}
