import { IsIn, IsOptional, Matches } from 'class-validator';
import { Secret, loadConfig, processEnvironment } from '@archive365/config';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What the test harness reads from the environment, validated like any service's configuration. */
export class TestEnvironment {
  /** Administrative PostgreSQL connection, allowed to create databases. */
  @Secret()
  @Matches(/^postgres(ql)?:\/\//, {
    message: 'must be a postgres:// URL of a role that may create databases',
  })
  TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

  /** NATS with JetStream. */
  @Matches(/^(nats|tls):\/\/\S+$/, {
    message: 'must be a nats:// (or tls://) URL, e.g. nats://127.0.0.1:4222',
  })
  TEST_NATS_URL = 'nats://127.0.0.1:4222';

  /** Log level of services started in tests (quiet by default). */
  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  TEST_LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'warn';

  /** Path of the nats-server binary the tests start (found in the usual folders when unset). */
  @IsOptional()
  @Matches(/^\/\S+$/, { message: 'must be the absolute path of the nats-server binary' })
  TEST_NATS_SERVER?: string;
}

let loaded: TestEnvironment | undefined;

/** The validated test environment, read once per test process. */
export function testEnvironment(): TestEnvironment {
  loaded ??= loadConfig('test harness', TestEnvironment, processEnvironment());
  return loaded;
}
