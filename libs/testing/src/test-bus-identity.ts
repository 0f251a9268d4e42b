import type { ServiceName } from '@archive365/contracts';
import { readSeed } from '@archive365/messaging';
import { connect, nkeyAuthenticator, type NatsConnection } from 'nats';
import type { TestNatsServer, TestBusUser } from './test-nats-server';

/** Connects to a test namespace's server as a service (with its NKey) or as one of the test users. */
export function connectAs(
  server: TestNatsServer,
  identity: ServiceName | TestBusUser,
): Promise<NatsConnection> {
  const common = {
    servers: server.url,
    name: `test-as-${identity}`,
    inboxPrefix: server.inboxPrefixOf(identity),
  };
  if (identity === 'stranger' || identity === 'observer') {
    return connect({ ...common, ...server.userOf(identity) });
  }
  return connect({ ...common, authenticator: nkeyAuthenticator(readSeed(server.seedFileOf(identity))) });
}
