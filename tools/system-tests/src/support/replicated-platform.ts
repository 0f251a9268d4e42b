import { randomBytes } from 'node:crypto';
import { processEnvironment, type ServiceBaseConfig } from '@archive365/config';
import type { ServiceName } from '@archive365/contracts';
import { NATS_CONNECTION } from '@archive365/messaging';
import {
  createTestDatabase,
  createTestNamespace,
  startTestService,
  type TestDatabase,
  type TestNamespace,
  type TestService,
} from '@archive365/testing';
import type { NatsConnection } from 'nats';
import { definitions } from './platform';

/**
 * The platform as a cluster runs it, in one process: several replicas of a service on one NATS
 * namespace and one PostgreSQL database per service (the replicas share it), started together.
 */
export class ReplicatedPlatform {
  readonly replicas = new Map<ServiceName, TestService<ServiceBaseConfig>[]>();
  private readonly databases = new Map<ServiceName, TestDatabase>();

  private constructor(readonly ns: TestNamespace) {}

  static create(): ReplicatedPlatform {
    return new ReplicatedPlatform(createTestNamespace());
  }

  /** Settings a service needs beyond NATS and its database; every replica of it gets the same. */
  readonly serviceEnv: Partial<Record<ServiceName, Record<string, string>>> = {
    credentials: { CREDENTIALS_MASTER_KEYS: `scale:${randomBytes(32).toString('base64')}` },
  };

  /** Starts `count` replicas at once on the service's (new or existing) database. */
  async start(name: ServiceName, count: number): Promise<TestService<ServiceBaseConfig>[]> {
    let database = this.databases.get(name);
    if (!database) {
      database = await createTestDatabase(`scale_${name}`);
      this.databases.set(name, database);
    }
    const env = {
      // Killing replicas on purpose makes the survivors log warnings; TEST_LOG_LEVEL shows them.
      LOG_LEVEL: processEnvironment()['TEST_LOG_LEVEL'] || 'fatal',
      NATS_URL: this.ns.natsUrl,
      NATS_NAMESPACE: this.ns.namespace,
      DATABASE_URL: database.url,
      ...this.serviceEnv[name],
    };
    const outcomes = await Promise.allSettled(
      Array.from({ length: count }, () => startTestService(definitions[name], env)),
    );
    // Keep what did start even when a sibling failed, so close() stops it and the run can end.
    const started = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    this.replicas.set(name, [...(this.replicas.get(name) ?? []), ...started]);
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw new Error(`a replica of ${name} did not start: ${String(failed.reason)}`);
    return started;
  }

  of(name: ServiceName): TestService<ServiceBaseConfig>[] {
    return this.replicas.get(name) ?? [];
  }

  /**
   * Kills a replica the way a crashed pod dies: its NATS connection closes at once (no drain, no
   * acknowledgement of what it was working on), then whatever is left of it is torn down.
   */
  async kill(replica: TestService<ServiceBaseConfig>): Promise<void> {
    await replica.app.get<NatsConnection>(NATS_CONNECTION).close();
    await replica.stop().catch(() => undefined);
    this.forget(replica);
  }

  /** Stops a replica gracefully, as SIGTERM does (in-flight requests answered, NATS drained). */
  async stop(replica: TestService<ServiceBaseConfig>): Promise<void> {
    await replica.stop();
    this.forget(replica);
  }

  async close(): Promise<void> {
    for (const replicas of this.replicas.values()) {
      for (const replica of replicas) await replica.stop().catch(() => undefined);
    }
    this.replicas.clear();
    await Promise.all([...this.databases.values()].map((database) => database.drop()));
    await this.ns.cleanup();
  }

  private forget(replica: TestService<ServiceBaseConfig>): void {
    for (const [name, replicas] of this.replicas) {
      this.replicas.set(
        name,
        replicas.filter((r) => r !== replica),
      );
    }
  }
}
