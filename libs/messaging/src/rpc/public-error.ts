import type { ErrorCode, RpcErrorBody } from '@archive365/contracts';
import type { ExposableError } from './exposable-error';

export interface PublicErrorDetails {
  /** The request field at fault. */
  field?: string;
  /** What the administrator can do about it. */
  hint?: string;
  /** Overrides the reason (defaults to the service's code), e.g. an AADSTS code. */
  reason?: string;
}

/**
 * Base of each service's one exception class: a service-specific code, a message safe to show, and
 * the mapping of the code to the platform's shared error codes (an exhaustive switch in the subclass).
 */
export abstract class PublicError<Code extends string> extends Error implements ExposableError {
  constructor(
    readonly code: Code,
    readonly publicMessage: string,
    readonly details: PublicErrorDetails = {},
  ) {
    super(publicMessage);
    this.name = new.target.name;
  }

  protected abstract sharedCode(code: Code): ErrorCode;

  toRpcError(): RpcErrorBody {
    return {
      code: this.sharedCode(this.code),
      message: this.publicMessage,
      reason: this.code,
      ...this.details,
    };
  }
}
