import { RpcClient, type MessagingOptions } from '@archive365/messaging';
import { connect, type NatsConnection } from 'nats';

export interface TestRpc {
  rpc: RpcClient;
  nats: NatsConnection;
  close(): Promise<void>;
}

/**
 * How long a test's request waits by default: generous, because key generation on a busy shared
 * machine can take several seconds; a test about timeouts passes its own.
 */
const TEST_REQUEST_TIMEOUT_MS = 30_000;

/** A caller outside any service, using the same typed client the services use. */
export async function connectTestRpc(natsUrl: string, namespace: string): Promise<TestRpc> {
  const nats = await connect({ servers: natsUrl, name: 'test-caller' });
  const options: MessagingOptions = {
    servers: [natsUrl],
    namespace,
    serviceName: 'test-caller',
    requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS,
  };
  return { rpc: new RpcClient(nats, options), nats, close: () => nats.close() };
}
