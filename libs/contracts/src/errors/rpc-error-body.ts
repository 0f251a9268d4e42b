import type { ErrorCode } from './error-code';

/** The public part of an error: safe to show to an administrator. Private detail stays in logs. */
export interface RpcErrorBody {
  code: ErrorCode;
  /** What was wrong and how to fix it. */
  message: string;
  /** The request field at fault, dotted (e.g. `certificate.validityMonths`). */
  field?: string;
  /** A service-specific reason code (e.g. `AADSTS700027`), for clients that want to branch on it. */
  reason?: string;
  /** What the administrator can do about it. */
  hint?: string;
}
