import {
  ErrorCode as NatsErrorCode,
  NatsError,
  type Msg,
  type NatsConnection,
  type SubscriptionOptions,
} from 'nats';
import { wireSubject, type MessagingOptions } from '../messaging.options';

/** `ok`, one of the platform's error codes, or a transport failure of the caller. */
export type BusOutcome = string;

/** Receives one observation per request this service answered or sent (metrics, tracing). */
export interface BusTrafficObserver {
  /** A request this service answered: its contract subject, time to reply, and the reply's outcome. */
  served(subject: string, seconds: number, outcome: BusOutcome): void;
  /** A request this service sent (events published to JetStream included, as `events.<name>`). */
  sent(subject: string, seconds: number, outcome: BusOutcome): void;
}

const OBSERVED = Symbol('archive365.busTrafficObserved');
const FAILURE_PREFIX = '{"ok":false';
/** JetStream refusing a publish answers `{"error":{...}}` instead of an acknowledgement. */
const JETSTREAM_FAILURE_PREFIX = '{"error"';
const decoder = new TextDecoder();

/**
 * Observes this service's traffic on its namespace by wrapping the connection's `subscribe` and
 * `request`, so the request handlers, the typed client and the event publisher need no change and
 * cannot forget to report. Call it before the handlers subscribe (a module init hook does).
 * Subjects outside the namespace (JetStream's API, reply inboxes) and subscriptions outside a queue
 * group are not observed.
 */
export function observeBusTraffic(
  nats: NatsConnection,
  options: Pick<MessagingOptions, 'namespace'>,
  observer: BusTrafficObserver,
): void {
  const marked = nats as NatsConnection & { [OBSERVED]?: boolean };
  if (marked[OBSERVED]) return;
  marked[OBSERVED] = true;
  const prefix = wireSubject(options, '');
  const contractName = (subject: string) =>
    subject.startsWith(prefix) ? subject.slice(prefix.length) : undefined;

  const subscribe = nats.subscribe.bind(nats);
  nats.subscribe = (subject: string, opts?: SubscriptionOptions) => {
    const name = contractName(subject);
    const callback = opts?.callback;
    // Request handlers subscribe in their service's queue group; anything else is not a request.
    if (name === undefined || !callback || !opts?.queue) return subscribe(subject, opts);
    return subscribe(subject, {
      ...opts,
      callback: (error, msg) => {
        if (msg) timeReply(msg, (seconds, outcome) => observer.served(name, seconds, outcome));
        callback(error, msg);
      },
    });
  };

  const request = nats.request.bind(nats);
  nats.request = async (subject, data, opts) => {
    const name = contractName(subject);
    if (name === undefined) return request(subject, data, opts);
    const started = process.hrtime.bigint();
    try {
      const reply = await request(subject, data, opts);
      observer.sent(name, secondsSince(started), outcomeOf(reply.data));
      return reply;
    } catch (error) {
      observer.sent(name, secondsSince(started), transportFailure(error));
      throw error;
    }
  };
}

/** Measures from receipt to the reply leaving (the handler may answer asynchronously). */
function timeReply(msg: Msg, report: (seconds: number, outcome: BusOutcome) => void): void {
  const started = process.hrtime.bigint();
  const respond = msg.respond.bind(msg);
  msg.respond = (data, opts) => {
    report(secondsSince(started), data instanceof Uint8Array ? outcomeOf(data) : 'ok');
    return respond(data, opts);
  };
}

/** Our replies are `{"ok":true,...}` or `{"ok":false,"error":{"code":...}}`; only failures are parsed. */
function outcomeOf(data: Uint8Array): BusOutcome {
  const head = decoder.decode(data.subarray(0, FAILURE_PREFIX.length));
  if (head.startsWith(JETSTREAM_FAILURE_PREFIX)) return 'DEPENDENCY_FAILED';
  if (!head.startsWith(FAILURE_PREFIX)) return 'ok';
  try {
    const code = (JSON.parse(decoder.decode(data)) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : 'INTERNAL';
  } catch {
    return 'INTERNAL';
  }
}

function transportFailure(error: unknown): BusOutcome {
  if (error instanceof NatsError && error.code === NatsErrorCode.Timeout) return 'TIMEOUT';
  if (error instanceof NatsError && error.code === NatsErrorCode.NoResponders) return 'NO_RESPONDERS';
  return 'BUS_UNAVAILABLE';
}

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}
