import { readFileSync } from 'node:fs';
import { credsAuthenticator, nkeyAuthenticator, type ConnectionOptions } from 'nats';
import type { MessagingOptions } from '../messaging.options';
import { inboxPrefixOf } from './bus-permissions';

/** How a service proves who it is to NATS, and how it checks the server (all files, e.g. mounted secrets). */
export interface NatsConnectionSecurity {
  /** NKey seed file (`SU...`): the identity the generated server configuration knows the service by. */
  nkeySeedFile?: string;
  /** A `.creds` file (user JWT and seed) for servers run in operator/JWT mode. */
  credsFile?: string;
  /** CA that signed the server's certificate; setting any TLS file turns TLS on. */
  tlsCaFile?: string;
  /** Client certificate and key, for servers that require them (`verify: true`). */
  tlsCertFile?: string;
  tlsKeyFile?: string;
}

/**
 * nats.js options for a service: its name, its identity, TLS when configured, and an inbox prefix of
 * its own, because the bus lets only this service read replies below it.
 */
export function natsConnectionOptions(options: MessagingOptions): ConnectionOptions {
  const security = options.security ?? {};
  const connection: ConnectionOptions = {
    servers: options.servers,
    name: options.serviceName,
    inboxPrefix: inboxPrefixOf(options.namespace, options.serviceName),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
    // The handshake (now with an NKey signature) shares the event loop with the rest of start-up; on
    // a busy host the default 20 s ran out while all services booted at once.
    timeout: 60_000,
  };
  if (security.nkeySeedFile) {
    // Read once: the seed stays in this closure, not in the options object that may be logged.
    const seed = readSeed(security.nkeySeedFile);
    connection.authenticator = nkeyAuthenticator(seed);
  } else if (security.credsFile) {
    connection.authenticator = credsAuthenticator(new Uint8Array(readFileSync(security.credsFile)));
  }
  if (security.tlsCaFile || security.tlsCertFile || security.tlsKeyFile) {
    connection.tls = {
      ...(security.tlsCaFile ? { caFile: security.tlsCaFile } : {}),
      ...(security.tlsCertFile ? { certFile: security.tlsCertFile } : {}),
      ...(security.tlsKeyFile ? { keyFile: security.tlsKeyFile } : {}),
    };
  }
  return connection;
}

/** An NKey seed file holds the seed on its first non-comment line (the format `nk -gen user` writes). */
export function readSeed(file: string): Uint8Array {
  const line = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.startsWith('SU'));
  if (!line) throw new Error(`${file} holds no NKey user seed (a line starting with SU)`);
  return new TextEncoder().encode(line);
}
