import type { ErrorCode } from '../errors/error-code';

/**
 * Error codes only the admin API raises (its HTTP door, not the bus): who is asking and how often.
 * The platform's shared codes (`ErrorCode`) cover everything the services answer.
 */
export enum AdminApiErrorCode {
  /** No credential, or one that is unknown, expired or revoked (401, with `WWW-Authenticate`). */
  Unauthenticated = 'UNAUTHENTICATED',
  /** Signed in, but this action needs more (e.g. an API token limited to some instances managing tokens). */
  Forbidden = 'FORBIDDEN',
  /** Too many requests from this client; `Retry-After` says when to try again. */
  RateLimited = 'RATE_LIMITED',
}

export type ApiErrorCode = ErrorCode | AdminApiErrorCode;

/**
 * An error answered by the admin API: RFC 9457 problem details (`application/problem+json`) with the
 * platform's own members. `detail` is the public description (what was wrong and how to fix it).
 */
export interface ProblemDetails {
  /** A URI naming the kind of problem: `urn:archive365:problem:<code>`. */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path the problem occurred at. */
  instance: string;
  code: ApiErrorCode;
  /** The request field at fault, dotted (`certificate.validityMonths`). */
  field?: string;
  /** A service-specific reason (`AADSTS700027`, `INSTANCE_ALIAS_TAKEN`). */
  reason?: string;
  /** What the administrator can do about it. */
  hint?: string;
}
