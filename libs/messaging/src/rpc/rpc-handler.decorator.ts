import { SetMetadata } from '@nestjs/common';
import type { RpcSubject } from '@archive365/contracts';

export const RPC_HANDLER = Symbol('RPC_HANDLER');

/**
 * Marks a provider method as the handler of a request/reply subject. The method receives the
 * validated request DTO and returns the reply (or throws an ExposableError).
 */
export const RpcHandler = <Request extends object, Reply>(subject: RpcSubject<Request, Reply>) =>
  SetMetadata(RPC_HANDLER, subject);

/** The signature a handler must have; used to check handlers against their subject at compile time. */
export type RpcHandlerFn<Request extends object, Reply> = (request: Request) => Promise<Reply> | Reply;
