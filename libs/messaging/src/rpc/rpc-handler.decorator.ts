import { SetMetadata } from '@nestjs/common';
import type { RpcSubject } from '@archive365/contracts';

export const RPC_HANDLER = Symbol('RPC_HANDLER');

/** The signature a handler of a subject must have: its validated request in, its reply (or a promise of it) out. */
export type RpcHandlerFn<Request extends object, Reply> = (request: Request) => Promise<Reply> | Reply;

/**
 * Marks a provider method as the handler of a request/reply subject. The method receives the
 * validated request DTO and returns the reply (or throws an ExposableError). The decorator is typed by
 * the subject: a method whose parameter or return type does not fit the subject does not compile.
 */
export const RpcHandler =
  <Request extends object, Reply>(subject: RpcSubject<Request, Reply>) =>
  <Method extends RpcHandlerFn<Request, Reply>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<Method>,
  ): TypedPropertyDescriptor<Method> => {
    SetMetadata(RPC_HANDLER, subject)(target, key, descriptor);
    return descriptor;
  };
