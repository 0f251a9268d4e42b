import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Secret } from './secret.decorator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings every service has. Each app extends it with its own and sets its own HTTP port default. */
export class ServiceBaseConfig {
  /** Comma-separated NATS server URLs. */
  @Matches(/^(nats|tls|ws|wss):\/\/[^\s,]+(,(nats|tls|ws|wss):\/\/[^\s,]+)*$/, {
    message: 'must be one or more nats:// (or tls://) URLs separated by commas, e.g. nats://127.0.0.1:4222',
  })
  NATS_URL = 'nats://127.0.0.1:4222';

  /** Prefix of every subject and stream name: several deployments (or test runs) can share one NATS. */
  @Matches(/^[a-z][a-z0-9_-]{0,31}$/, {
    message: 'must be 1-32 lower-case letters, digits, _ or -, starting with a letter',
  })
  NATS_NAMESPACE = 'archive365';

  /** PostgreSQL URL; when unset the service uses an embedded SQLite file in DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'must be a postgres:// URL, or unset to use the embedded SQLite database',
  })
  @Secret()
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = '.data';

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** Milliseconds a graceful shutdown may take before the process exits anyway. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(1000)
  @Max(120000)
  SHUTDOWN_TIMEOUT_MS = 10000;

  /** HTTP port for health endpoints (and the API where the service has one); 0 picks a free port. */
  @Type(() => Number)
  @IsInt({ message: 'must be a port number (0-65535)' })
  @Min(0, { message: 'must be a port number (0-65535)' })
  @Max(65535, { message: 'must be a port number (0-65535)' })
  HTTP_PORT = 0;

  @IsString()
  HTTP_HOST = '0.0.0.0';
}
