import type { NatsConnection } from 'nats';

/** True when the connection is open and the server answers a ping within the timeout. */
export async function isNatsHealthy(nats: NatsConnection, timeoutMs = 1000): Promise<boolean> {
  if (nats.isClosed()) return false;
  try {
    await Promise.race([
      nats.flush(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('NATS ping timed out')), timeoutMs).unref(),
      ),
    ]);
    return true;
  } catch {
    return false;
  }
}
