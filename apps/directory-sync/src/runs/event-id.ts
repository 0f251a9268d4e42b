import { createHash } from 'node:crypto';

/**
 * The same id for the same batch of the same run, every time it is published: a run resumed after a
 * crash re-publishes with the ids it used before, and JetStream drops the duplicates (`Nats-Msg-Id`).
 */
export function batchEventId(runId: string, batch: number): string {
  const hex = createHash('sha256').update(`${runId}:${batch}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
