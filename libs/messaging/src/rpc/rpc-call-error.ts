import type { RpcErrorBody } from '@archive365/contracts';

/** What a caller gets when the service answered with an error, or no service answered. */
export class RpcCallError extends Error {
  constructor(
    readonly subject: string,
    readonly body: RpcErrorBody,
  ) {
    super(`${subject}: ${body.code}: ${body.message}`);
    this.name = 'RpcCallError';
  }
}
