/**
 * A durable event type. Events travel on JetStream under `<namespace>.events.<name>`, wrapped in an
 * {@link EventEnvelope} whose `id` doubles as the `Nats-Msg-Id` for de-duplication.
 */
export interface EventSubject<Data extends object> {
  readonly name: string;
  readonly dataDto: new () => Data;
}

export function eventSubject<Data extends object>(name: string, dataDto: new () => Data): EventSubject<Data> {
  return { name, dataDto };
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
