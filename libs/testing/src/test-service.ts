import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Environment, ServiceBaseConfig } from '@archive365/config';
import { testEnvironment } from './test-environment';
import { startService, type RunningService, type ServiceDefinition } from '@archive365/service-kit';

export interface TestService<Config> extends RunningService<Config> {
  stop(): Promise<void>;
}

/**
 * Boots a real service in this process (its HTTP server on a free port, its NATS connection, its
 * database migrated) with the given environment. Logs stay quiet unless TEST_LOG_LEVEL says otherwise.
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
