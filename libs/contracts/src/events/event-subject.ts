import type { ServiceName } from '../services';

/** A durable consumer of an event: the service that runs it and its JetStream durable name. */
export interface EventConsumerDeclaration {
  readonly service: ServiceName;
  /** JetStream durable name (letters, digits, `_` and `-`): replicas of the service share it. */
  readonly durable: string;
}

/**
 * A durable event type. Events travel on JetStream under `<namespace>.events.<name>`, wrapped in an
 * {@link EventEnvelope} whose `id` doubles as the `Nats-Msg-Id` for de-duplication.
 */
export interface EventSubject<Data extends object> {
  readonly name: string;
  readonly dataDto: new () => Data;
  /**
   * The one service that publishes it, and the durable consumers reading it. The bus permissions are
   * generated from these declarations: nobody else may publish the event, and a consumer may only use
   * the durables declared here for it.
   */
  readonly publisher: ServiceName;
  readonly consumers: readonly EventConsumerDeclaration[];
}

export interface EventSubjectOptions {
  publisher: ServiceName;
  consumers?: readonly EventConsumerDeclaration[];
}

export function eventSubject<Data extends object>(
  name: string,
  dataDto: new () => Data,
  options: EventSubjectOptions,
): EventSubject<Data> {
  return { name, dataDto, publisher: options.publisher, consumers: options.consumers ?? [] };
}

export interface EventEnvelope<Data extends object> {
  /** Unique per event (UUID); a publisher retrying the same event reuses it. */
  id: string;
  type: string;
  /** ISO 8601. */
  occurredAt: string;
  /** Name of the publishing service. */
  source: string;
  data: Data;
}

export type DataOf<E> = E extends EventSubject<infer Data> ? Data : never;
