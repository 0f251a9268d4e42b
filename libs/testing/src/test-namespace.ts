import { randomBytes } from 'node:crypto';
import { testEnvironment } from './test-environment';
import { eventStreamName } from '@archive365/messaging';
import { connect } from 'nats';

export interface TestNamespace {
  /** Use as NATS_NAMESPACE: subjects and the event stream are private to this test. */
  namespace: string;
  natsUrl: string;
  /** Deletes the namespace's event stream. */
  cleanup(): Promise<void>;
}

export function testNatsUrl(): string {
  return testEnvironment().TEST_NATS_URL;
}

export function createTestNamespace(): TestNamespace {
  const namespace = `t${randomBytes(6).toString('hex')}`;
  const natsUrl = testNatsUrl();
  return {
    namespace,
    natsUrl,
    cleanup: async () => {
      const nats = await connect({ servers: natsUrl });
      try {
        const jsm = await nats.jetstreamManager();
        await jsm.streams.delete(eventStreamName({ namespace })).catch(() => false);
      } finally {
        await nats.close();
      }
    },
  };
}
