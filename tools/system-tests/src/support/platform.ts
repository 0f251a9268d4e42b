import { randomBytes } from 'node:crypto';
import type { ServiceName } from '@archive365/contracts';
import type { ServiceDefinition } from '@archive365/service-kit';
import type { ServiceBaseConfig } from '@archive365/config';
import {
  createTestDatabase,
  createTestNamespace,
  startTestService,
  type TestDatabase,
  type TestNamespace,
  type TestService,
} from '@archive365/testing';
import {
  adminApiService,
  authGatewayService,
  credentialsService,
  directorySyncService,
  provisioningService,
} from './services';

export const definitions: Record<ServiceName, ServiceDefinition<ServiceBaseConfig>> = {
  credentials: credentialsService,
  provisioning: provisioningService,
  'directory-sync': directorySyncService,
  'auth-gateway': authGatewayService,
  'admin-api': adminApiService,
};

/**
 * A private slice of the platform for one test file: a NATS namespace of its own and, per service,
 * a PostgreSQL database of its own. Services can be started, stopped and started again on the same
 * database (to test restarts).
 */
export class TestPlatform {
  readonly services = new Map<ServiceName, TestService<ServiceBaseConfig>>();
  private readonly databases = new Map<ServiceName, TestDatabase>();

  private constructor(readonly ns: TestNamespace) {}

  static create(): TestPlatform {
    return new TestPlatform(createTestNamespace());
  }

  /** The admin API's bootstrap token in this platform: `request(url).set(platform.adminAuth)`. */
  readonly adminToken = `a365_test_${randomBytes(24).toString('base64url')}`;

  get adminAuth(): Record<string, string> {
    return { authorization: `Bearer ${this.adminToken}` };
  }

  /** Settings a service needs beyond NATS and its database (master key, the admin API's bootstrap token). */
  readonly serviceEnv: Partial<Record<ServiceName, Record<string, string>>> = {
    credentials: { CREDENTIALS_MASTER_KEYS: `test:${randomBytes(32).toString('base64')}` },
    'admin-api': { ADMIN_BOOTSTRAP_TOKEN: this.adminToken },
  };

  async start(name: ServiceName): Promise<TestService<ServiceBaseConfig>> {
    let database = this.databases.get(name);
    if (!database) {
      database = await createTestDatabase(name);
      this.databases.set(name, database);
    }
    const service = await startTestService(definitions[name], {
      NATS_URL: this.ns.natsUrl,
      NATS_NAMESPACE: this.ns.namespace,
      DATABASE_URL: database.url,
      ...this.serviceEnv[name],
    });
    this.services.set(name, service);
    return service;
  }

  /** The running service, or an error naming it if the test did not start it. */
  service(name: ServiceName): TestService<ServiceBaseConfig> {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not running in this test platform`);
    return service;
  }

  async stop(name: ServiceName): Promise<void> {
    await this.services.get(name)?.stop();
    this.services.delete(name);
  }

  async close(): Promise<void> {
    for (const name of [...this.services.keys()]) {
      await this.stop(name);
    }
    await Promise.all([...this.databases.values()].map((database) => database.drop()));
    await this.ns.cleanup();
  }
}
