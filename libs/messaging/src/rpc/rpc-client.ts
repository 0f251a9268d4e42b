import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, type RpcReplyEnvelope, type RpcSubject } from '@archive365/contracts';
import { ErrorCode as NatsErrorCode, NatsError, type NatsConnection } from 'nats';
import { MESSAGING_OPTIONS, NATS_CONNECTION, wireSubject, type MessagingOptions } from '../messaging.options';
import { decodeJson, encodeJson } from '../nats/json-codec';
import { RpcCallError } from './rpc-call-error';

const DEFAULT_TIMEOUT_MS = 5000;

/** Sends typed requests: `send(Subjects.X, payload)` checks the payload and types the reply. */
@Injectable()
export class RpcClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async send<Request extends object, Reply>(
    subject: RpcSubject<Request, Reply>,
    payload: Request,
    { timeoutMs }: { timeoutMs?: number } = {},
  ): Promise<Reply> {
    const timeout = timeoutMs ?? this.options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    let raw: Uint8Array;
    try {
      raw = (
        await this.nats.request(wireSubject(this.options, subject.name), encodeJson(payload), { timeout })
      ).data;
    } catch (error) {
      throw new RpcCallError(subject.name, describeTransportFailure(error, timeout));
    }
    const envelope = decodeJson(raw) as RpcReplyEnvelope<Reply> | undefined;
    if (!envelope || typeof envelope !== 'object' || typeof envelope.ok !== 'boolean') {
      throw new RpcCallError(subject.name, {
        code: ErrorCode.Internal,
        message: 'the service sent a malformed reply',
      });
    }
    if (!envelope.ok) {
      throw new RpcCallError(subject.name, envelope.error);
    }
    return envelope.data;
  }
}

function describeTransportFailure(error: unknown, timeout: number) {
  if (error instanceof NatsError && error.code === NatsErrorCode.NoResponders) {
    return {
      code: ErrorCode.DependencyFailed,
      message: 'no service is answering this subject; is it running?',
    };
  }
  if (error instanceof NatsError && error.code === NatsErrorCode.Timeout) {
    return { code: ErrorCode.Timeout, message: `no reply within ${timeout} ms` };
  }
  return { code: ErrorCode.DependencyFailed, message: 'the message bus is unavailable' };
}
