import {
  Events,
  SERVICE_NAMES,
  StatusSubjects,
  Subjects,
  type EventSubject,
  type RpcSubject,
  type ServiceName,
} from '@archive365/contracts';
import { eventStreamName, eventWireSubject, wireSubject } from '../messaging.options';

/** What one identity may do on the bus (nats-server `permissions`). */
export interface BusPermissions {
  publish: string[];
  subscribe: string[];
  /** May answer the requests it received, once each, and nothing else (`allow_responses`). */
  allowResponses: boolean;
}

type AnyRpcSubject = RpcSubject<object, unknown>;
type AnyEventSubject = EventSubject<object>;

/** Every request/reply subject of the platform, status subjects included. */
export function allRpcSubjects(): AnyRpcSubject[] {
  return [...Object.values(Subjects), ...Object.values(StatusSubjects)] as AnyRpcSubject[];
}

export function allEventSubjects(): AnyEventSubject[] {
  return Object.values(Events) as AnyEventSubject[];
}

/**
 * The prefix of a service's reply inboxes (nats.js `inboxPrefix`). Only that service may subscribe
 * below it, so nobody else can read the replies it gets (tokens, for example).
 */
export function inboxPrefixOf(namespace: string, service: string): string {
  return `_INBOX.${namespace}.${service}`;
}

/** The service that answers a subject: its first segment (`credentials.tokens.acquire`). */
export function servingService(subject: AnyRpcSubject): ServiceName {
  const first = subject.name.split('.')[0];
  const service = SERVICE_NAMES.find((name) => name === first);
  if (!service) {
    throw new Error(
      `Subject ${subject.name} does not start with a service name (${SERVICE_NAMES.join(', ')})`,
    );
  }
  return service;
}

/**
 * Least privilege for one service, derived from the contracts alone:
 * - publish the request subjects it is a declared caller of, and the events it is the publisher of;
 * - subscribe to the request subjects it serves and to its own inbox prefix;
 * - reply only to requests it received (`allow_responses`), never publish into another inbox;
 * - JetStream: look up (and create, if missing) the namespace's event stream, and create, read and
 *   acknowledge only the durable consumers declared for it in the contracts.
 */
export function servicePermissions(namespace: string, service: ServiceName): BusPermissions {
  const ns = { namespace };
  const stream = eventStreamName(ns);
  const publish = new Set<string>();
  const subscribe = new Set<string>([`${inboxPrefixOf(namespace, service)}.>`]);

  for (const subject of allRpcSubjects()) {
    if (subject.callers.includes(service)) publish.add(wireSubject(ns, subject.name));
    if (servingService(subject) === service) subscribe.add(wireSubject(ns, subject.name));
  }

  // Every service looks the event stream up at start-up and creates it when it is the first one up.
  publish.add('$JS.API.INFO');
  publish.add(`$JS.API.STREAM.INFO.${stream}`);
  publish.add(`$JS.API.STREAM.CREATE.${stream}`);
  for (const event of allEventSubjects()) {
    const wire = eventWireSubject(ns, event.name);
    if (event.publisher === service) publish.add(wire);
    for (const consumer of event.consumers.filter((c) => c.service === service)) {
      const durable = consumer.durable;
      publish.add(`$JS.API.CONSUMER.CREATE.${stream}.${durable}.${wire}`);
      publish.add(`$JS.API.CONSUMER.INFO.${stream}.${durable}`);
      publish.add(`$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`);
      publish.add(`$JS.ACK.${stream}.${durable}.>`);
    }
  }
  return { publish: [...publish].sort(), subscribe: [...subscribe].sort(), allowResponses: true };
}

/** Checks the declarations the permissions are built from; a mistake here would lock a service out. */
export function checkBusDeclarations(): void {
  for (const subject of allRpcSubjects()) {
    servingService(subject);
    if (subject.callers.length === 0) throw new Error(`Subject ${subject.name} declares no callers`);
  }
  const durables = new Set<string>();
  for (const event of allEventSubjects()) {
    for (const { durable } of event.consumers) {
      if (!/^[A-Za-z0-9_-]+$/.test(durable)) {
        throw new Error(`Durable "${durable}" of event ${event.name} may use only letters, digits, _ and -`);
      }
      if (durables.has(durable)) throw new Error(`Durable "${durable}" is declared twice`);
      durables.add(durable);
    }
  }
}
