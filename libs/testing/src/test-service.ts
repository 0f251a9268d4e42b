import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Environment, ServiceBaseConfig } from '@archive365/config';
import { SERVICE_NAMES } from '@archive365/contracts';
import { testEnvironment } from './test-environment';
import { startService, type RunningService, type ServiceDefinition } from '@archive365/service-kit';
import { testNatsServerAt } from './test-nats-server';

export interface TestService<Config> extends RunningService<Config> {
  stop(): Promise<void>;
}

/**
 * Boots a real service in this process (its HTTP server on a free port, its NATS connection, its
 * database migrated) with the given environment. Logs stay quiet unless TEST_LOG_LEVEL says otherwise.
 * On a test namespace's server it connects with the service's own NKey (unless `env` names one).
 */
export async function startTestService<Config extends ServiceBaseConfig>(
  definition: ServiceDefinition<Config>,
  env: Environment,
): Promise<TestService<Config>> {
  const dataDir = env['DATA_DIR'] ?? mkdtempSync(join(tmpdir(), `${definition.name}-`));
  const running = await startService(definition, {
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: testEnvironment().TEST_LOG_LEVEL,
    DATA_DIR: dataDir,
    // Test files run side by side, each with several services (and replicas) on one PostgreSQL.
    DATABASE_POOL_SIZE: '3',
    ...busIdentity(definition.name, env),
    ...env,
  });
  return {
    ...running,
    stop: async () => {
      await running.app.close();
      if (!env['DATA_DIR']) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function busIdentity(name: string, env: Environment): Environment {
  const server = testNatsServerAt(env['NATS_URL']);
  const service = SERVICE_NAMES.find((known) => known === name);
  if (!server || !service || env['NATS_NKEY_SEED_FILE'] || env['NATS_CREDS_FILE']) return {};
  return { NATS_NKEY_SEED_FILE: server.seedFileOf(service) };
}
