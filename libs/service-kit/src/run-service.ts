import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import {
  ConfigError,
  describeConfig,
  loadConfig,
  processEnvironment,
  type Environment,
  type ServiceBaseConfig,
} from '@archive365/config';

export interface ServiceDefinition<Config extends ServiceBaseConfig> {
  name: string;
  configClass: new () => Config;
  defaultHttpPort: number;
  // Method syntax on purpose: a definition of a service with a richer config is still a definition
  // (the harness keeps all five in one map).
  createModule(config: Config): DynamicModule;
  /** Anything the app adds to the HTTP server before it listens (prefixes, pipes). */
  configureHttp?(app: INestApplication, config: Config): void;
}

export interface RunningService<Config> {
  app: INestApplication;
  config: Config;
  /** Base URL of the HTTP listener (health probes, API). */
  url: string;
}

/** Creates, configures and starts a service on its HTTP port. Used by `main.ts` and by tests. */
export async function startService<Config extends ServiceBaseConfig>(
  definition: ServiceDefinition<Config>,
  env: Environment,
): Promise<RunningService<Config>> {
  const config = loadConfig(definition.name, definition.configClass, {
    ...env,
    HTTP_PORT: env['HTTP_PORT'] || String(definition.defaultHttpPort),
  });
  const app = await NestFactory.create(definition.createModule(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  try {
    definition.configureHttp?.(app, config);
    // Module init hooks run here (migrations, start-up checks): a failure closes what did start.
    await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  const host = config.HTTP_HOST === '0.0.0.0' ? '127.0.0.1' : config.HTTP_HOST;
  return { app, config, url: `http://${host}:${address.port}` };
}

/**
 * The process entry point of a service: a bad configuration ends the process with a message naming
 * each variable and what is wrong; SIGTERM and SIGINT close it gracefully (in-flight requests are
 * answered, consumers stop, NATS drains), bounded by SHUTDOWN_TIMEOUT_MS.
 */
export async function runService<Config extends ServiceBaseConfig>(
  definition: ServiceDefinition<Config>,
  env: Environment = processEnvironment(),
): Promise<void> {
  let running: RunningService<Config>;
  try {
    running = await startService(definition, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(
        `${definition.name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
    process.exit(1);
  }
  const logger = running.app.get(Logger);
  logger.log(
    { config: describeConfig(running.config), url: running.url },
    `${definition.name} ready`,
    'ServiceRuntime',
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: shutting down`, 'ServiceRuntime');
    setTimeout(() => {
      process.stderr.write(
        `${definition.name}: shutdown took longer than ${running.config.SHUTDOWN_TIMEOUT_MS} ms; exiting\n`,
      );
      process.exit(1);
    }, running.config.SHUTDOWN_TIMEOUT_MS).unref();
    running.app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${definition.name}: error during shutdown: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
