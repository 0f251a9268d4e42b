import { randomBytes } from 'node:crypto';
import { startTestNatsServer, type TestNatsServer } from './test-nats-server';
import { testEnvironment } from './test-environment';

export interface TestNamespace {
  /** Use as NATS_NAMESPACE: subjects and the event stream are private to this test. */
  namespace: string;
  /** A nats-server of this namespace's own, configured from the contracts (see TestNatsServer). */
  natsUrl: string;
  server: TestNatsServer;
  /** Stops the namespace's nats-server and deletes its JetStream data. */
  cleanup(): Promise<void>;
}

/** The shared NATS of the machine, for tools that do not start their own server. */
export function testNatsUrl(): string {
  return testEnvironment().TEST_NATS_URL;
}

/**
 * A namespace with its own nats-server: services started with `startTestService` on its URL connect
 * with their own identities, so every test runs under the bus permissions generated from the contracts.
 */
export function createTestNamespace(): TestNamespace {
  const namespace = `t${randomBytes(6).toString('hex')}`;
  const server = startTestNatsServer(namespace);
  return { namespace, natsUrl: server.url, server, cleanup: () => server.stop() };
}
