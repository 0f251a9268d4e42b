import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsReadableFile } from './readable-file.validator';
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

  /**
   * The service's NATS identity: a file holding its NKey seed (`SU...`), as written by `npm run nats:config`
   * next to the server configuration it belongs to. Unset connects anonymously (a server without auth).
   */
  @IsOptional()
  @IsReadableFile('the NKey seed of this service, e.g. a mounted secret')
  NATS_NKEY_SEED_FILE?: string;

  /** Alternatively a `.creds` file (user JWT and seed) for a server in operator (JWT) mode. */
  @IsOptional()
  @IsReadableFile('a NATS user credentials (.creds) file')
  NATS_CREDS_FILE?: string;

  /** PEM of the CA that signed the NATS server's certificate; setting it (or a client certificate) turns TLS on. */
  @IsOptional()
  @IsReadableFile('a PEM CA certificate')
  NATS_TLS_CA_FILE?: string;

  /** Client certificate (PEM) for servers that verify clients; needs NATS_TLS_KEY_FILE. */
  @IsOptional()
  @IsReadableFile('a PEM client certificate')
  NATS_TLS_CERT_FILE?: string;

  @IsOptional()
  @IsReadableFile('the PEM private key of NATS_TLS_CERT_FILE')
  NATS_TLS_KEY_FILE?: string;

  /** Prefix of every subject and stream name: several deployments (or test runs) can share one NATS. */
  @Matches(/^[a-z][a-z0-9_-]{0,31}$/, {
    message: 'must be 1-32 lower-case letters, digits, _ or -, starting with a letter',
  })
  NATS_NAMESPACE = 'archive365';

  /**
   * Copies JetStream keeps of the event stream, each on a different server of the NATS cluster: 1 for
   * a single server, 3 for a cluster of three (an event survives the loss of one server). JetStream
   * allows at most 5, and never more than the cluster has servers. The first service up creates the
   * stream with it; a stream that exists keeps its count (services warn when it differs).
   */
  // The first failing check is reported and the lowest decorator is checked first: not a number says so.
  @Type(() => Number)
  @Max(5, { message: 'must be at most 5 (the most JetStream replicates a stream)' })
  @Min(1, { message: 'must be at least 1 (one copy of each event)' })
  @IsInt({ message: 'must be a whole number of stream copies, 1 to 5' })
  NATS_STREAM_REPLICAS = 1;

  /** PostgreSQL URL; when unset the service uses an embedded SQLite file in DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'must be a postgres:// URL, or unset to use the embedded SQLite database',
  })
  @Secret()
  DATABASE_URL?: string;

  /** Most PostgreSQL connections one replica opens (replicas x services x this must fit max_connections). */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of connections' })
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

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
