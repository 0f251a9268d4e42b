import { randomUUID } from 'node:crypto';
import { ApiHeader } from '@nestjs/swagger';
import { ErrorCode } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';

/**
 * How long a create or import may take: key generation, or decoding an imported key (its own limit
 * is 10 s), plus storing it, on a busy machine.
 */
export const CREDENTIAL_WRITE_TIMEOUT_MS = 60_000;

/**
 * A write that timed out may still complete. Every create and import carries an idempotency key
 * (the client's `Idempotency-Key` header, or one made here): the 504 names it, so that a retry with
 * it answers the credential the first attempt made instead of creating a second one.
 */
export async function retryable<T>(
  clientKey: string | undefined,
  write: (idempotencyKey: string) => Promise<T>,
): Promise<T> {
  const idempotencyKey = clientKey ?? randomUUID();
  try {
    return await write(idempotencyKey);
  } catch (error) {
    if (error instanceof RpcCallError && error.body.code === ErrorCode.Timeout) {
      throw new RpcCallError(error.subject, {
        ...error.body,
        message: `${error.body.message}; the credential may still be created`,
        hint: `retry with the header "Idempotency-Key: ${idempotencyKey}": it answers the credential this request made, never a second one`,
      });
    }
    throw error;
  }
}

/** Documents the optional `Idempotency-Key` header of a credential create or import. */
export const IdempotencyKeyHeader = (): MethodDecorator =>
  ApiHeader({
    name: 'idempotency-key',
    required: false,
    description:
      'Makes a retry safe: the same key answers the credential the first request made, never a second one',
  });
