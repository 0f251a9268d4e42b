import type { ApiErrorCode, RpcErrorBody } from '@archive365/contracts';

export interface AdminApiErrorBody extends Omit<RpcErrorBody, 'code'> {
  code: ApiErrorCode;
}

/** The admin API's one exception: a code, a public message, and the field, reason and hint. */
export class AdminApiError extends Error {
  constructor(readonly body: AdminApiErrorBody) {
    super(`${body.code}: ${body.message}`);
    this.name = 'AdminApiError';
  }
}
