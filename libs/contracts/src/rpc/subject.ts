import type { ServiceName } from '../services';

/**
 * A request/reply subject with its request and reply types attached at compile time, so that
 * `rpc.send(Subjects.X, payload)` checks the payload and types the reply. The DTO class validates the
 * request at the receiving service's boundary.
 */
export interface RpcSubject<Request extends object, Reply> {
  /** Subject name below the deployment's namespace, e.g. `credentials.instances.create`. */
  readonly name: string;
  /** class-validator DTO of the request; the handler rejects anything it does not accept. */
  readonly requestDto: new () => Request;
  /**
   * The services that may send this request. The serving service is the first segment of `name`. The bus
   * permissions (which identity may publish or subscribe where) are generated from these declarations.
   */
  readonly callers: readonly ServiceName[];
  /** Phantom field: never set, only carries the reply type. */
  readonly __reply?: Reply;
}

export interface RpcSubjectOptions {
  /** Who may call it; defaults to the admin API alone (the administrators' front door). */
  callers?: readonly ServiceName[];
}

export function rpcSubject<Request extends object, Reply>(
  name: string,
  requestDto: new () => Request,
  options: RpcSubjectOptions = {},
): RpcSubject<Request, Reply> {
  return { name, requestDto, callers: options.callers ?? ['admin-api'] };
}

export type RequestOf<S> = S extends RpcSubject<infer Request, unknown> ? Request : never;
export type ReplyOf<S> = S extends RpcSubject<object, infer Reply> ? Reply : never;
