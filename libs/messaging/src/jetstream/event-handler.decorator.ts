import { SetMetadata } from '@nestjs/common';
import type { EventEnvelope, EventSubject } from '@archive365/contracts';

export const EVENT_HANDLER = Symbol('EVENT_HANDLER');

export interface EventHandlerMeta {
  event: EventSubject<object>;
  /** Durable consumer name: one per (service, purpose); replicas share it, so each event goes to one of them. */
  durable: string;
  /** Deliveries before an event is given up on and logged at error level (it stays in the stream). */
  maxDeliver?: number;
}

/** The signature an event handler must have: the validated envelope of its event in, nothing out. */
export type EventHandlerFn<Data extends object> = (envelope: EventEnvelope<Data>) => Promise<void>;

/**
 * Marks a provider method as the consumer of an event. The method receives the validated envelope;
 * returning acknowledges it, throwing asks for a redelivery. Handlers must be idempotent by
 * `envelope.id` (JetStream delivers at least once): use the inbox of `@archive365/database`. The
 * decorator is typed by the event: a method of another shape does not compile.
 */
export const EventHandler =
  <Data extends object>(event: EventSubject<Data>, options: { durable: string; maxDeliver?: number }) =>
  <Method extends EventHandlerFn<Data>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<Method>,
  ): TypedPropertyDescriptor<Method> => {
    SetMetadata(EVENT_HANDLER, { event, ...options } satisfies EventHandlerMeta)(target, key, descriptor);
    return descriptor;
  };
