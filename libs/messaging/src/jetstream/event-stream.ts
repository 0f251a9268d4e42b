import { RetentionPolicy, StorageType, type NatsConnection } from 'nats';
import { eventStreamName, eventWireSubject, type MessagingOptions } from '../messaging.options';

/** How long JetStream remembers a `Nats-Msg-Id` to drop a re-published duplicate. */
const DUPLICATE_WINDOW_NS = 10 * 60 * 1_000_000_000;
/** Events are kept a week so a consumer that was down for days still catches up. */
const MAX_AGE_NS = 7 * 24 * 3600 * 1_000_000_000;

/**
 * Creates this namespace's event stream if it does not exist yet. Every publisher and consumer calls
 * it at start-up, so no service depends on another having started first.
 */
export async function ensureEventStream(nats: NatsConnection, options: MessagingOptions): Promise<string> {
  const jsm = await nats.jetstreamManager();
  const name = eventStreamName(options);
  const config = {
    name,
    subjects: [eventWireSubject(options, '>')],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: DUPLICATE_WINDOW_NS,
    max_age: MAX_AGE_NS,
  };
  try {
    await jsm.streams.info(name);
  } catch {
    try {
      await jsm.streams.add(config);
    } catch (error) {
      // Another replica created it between our look-up and our add.
      await jsm.streams.info(name).catch(() => {
        throw error;
      });
    }
  }
  return name;
}
