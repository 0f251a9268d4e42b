import { Logger } from '@nestjs/common';
import { RetentionPolicy, StorageType, type NatsConnection } from 'nats';
import { eventStreamName, eventWireSubject, type MessagingOptions } from '../messaging.options';

const logger = new Logger('EventStream');

/** How long JetStream remembers a `Nats-Msg-Id` to drop a re-published duplicate. */
const DUPLICATE_WINDOW_NS = 10 * 60 * 1_000_000_000;
/** Events are kept a week so a consumer that was down for days still catches up. */
const MAX_AGE_NS = 7 * 24 * 3600 * 1_000_000_000;

/**
 * Creates this namespace's event stream if it does not exist yet, with `streamReplicas` copies. Every
 * publisher and consumer calls it at start-up, so no service depends on another having started first.
 * A stream found with another replica count is left as it is, with a warning saying how to change it:
 * the services may create the stream but not edit it (their bus permissions stop at STREAM.CREATE).
 */
export async function ensureEventStream(nats: NatsConnection, options: MessagingOptions): Promise<string> {
  const jsm = await nats.jetstreamManager();
  const name = eventStreamName(options);
  const replicas = options.streamReplicas ?? 1;
  const config = {
    name,
    subjects: [eventWireSubject(options, '>')],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: DUPLICATE_WINDOW_NS,
    max_age: MAX_AGE_NS,
    num_replicas: replicas,
  };
  const existing = await jsm.streams.info(name).catch(() => undefined);
  if (!existing) {
    try {
      await jsm.streams.add(config);
    } catch (error) {
      // Another replica created it between our look-up and our add; anything else is a real refusal.
      if (!(await jsm.streams.info(name).catch(() => undefined))) throw refused(name, replicas, error);
    }
  } else if (existing.config.num_replicas !== replicas) {
    logger.warn(
      { stream: name, replicas: existing.config.num_replicas, configured: replicas },
      `the event stream has ${existing.config.num_replicas} replica(s), NATS_STREAM_REPLICAS says ${replicas}: ` +
        `change it once with \`nats stream edit ${name} --replicas ${replicas}\``,
    );
  }
  return name;
}

/** Why the stream could not be set up; with more than one copy, the usual cause is too few NATS servers. */
function refused(name: string, replicas: number, error: unknown): Error {
  const detail = error instanceof Error ? error.message : String(error);
  const hint =
    replicas > 1
      ? '. NATS_STREAM_REPLICAS must not exceed the servers of the NATS cluster (1 for a single server)'
      : '';
  return new Error(
    `JetStream refused the event stream ${name} with ${replicas} replica(s): ${detail}${hint}`,
  );
}
