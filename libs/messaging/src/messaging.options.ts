import type { NatsConnectionSecurity } from './nats/connection-options';

export interface MessagingOptions {
  /** NATS server URLs. */
  servers: string[];
  /** Prefix of every subject and stream (NATS_NAMESPACE). */
  namespace: string;
  /** This service's name: the queue group of its request handlers and the `source` of its events. */
  serviceName: string;
  /** Copies of the event stream in the NATS cluster (NATS_STREAM_REPLICAS); 1 when unset. */
  streamReplicas?: number;
  /** Default time a request waits for its reply. */
  requestTimeoutMs?: number;
  /** The service's bus identity and TLS settings (files); unset connects anonymously, without TLS. */
  security?: NatsConnectionSecurity;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

/** `<namespace>.<name>`: the wire subject of a contract subject. */
export function wireSubject(options: Pick<MessagingOptions, 'namespace'>, name: string): string {
  return `${options.namespace}.${name}`;
}

/** `<namespace>.events.<name>`: where an event travels. */
export function eventWireSubject(options: Pick<MessagingOptions, 'namespace'>, name: string): string {
  return `${options.namespace}.events.${name}`;
}

/** The JetStream stream holding this namespace's events (stream names allow no dots). */
export function eventStreamName(options: Pick<MessagingOptions, 'namespace'>): string {
  return `${options.namespace.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}_EVENTS`;
}
