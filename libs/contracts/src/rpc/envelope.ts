import type { RpcErrorBody } from '../errors/rpc-error-body';

/** What travels back on every request/reply subject: the reply, or a typed error. */
export type RpcReplyEnvelope<Reply> = { ok: true; data: Reply } | { ok: false; error: RpcErrorBody };
