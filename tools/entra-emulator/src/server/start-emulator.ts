import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmulatorContext } from '../emulator.types';
import type { EmulatorFixture } from '../fixture/fixture.types';
import { PendingConsents } from '../identity/consent/pending-consents';
import { GrantStore } from '../identity/grant-store';
import type { IdentityContext } from '../identity/identity-context';
import type { AuthorizeRequest } from '../identity/authorize/authorize-request';
import { SigningKeyFile } from '../keys/signing-key-file';
import { DEFAULT_RETIRED_KEY_RETENTION_MS, SigningKeyRing } from '../keys/signing-key-ring';
import { createMemoryStore, type MemoryStore } from '../store/memory-store';
import { loadOrCreateLocalCa } from '../tls/local-ca';
import { issueServerCertificate } from '../tls/server-certificate';
import { AccessTokenIssuer } from '../issued-tokens/access-token-issuer';
import { createGraphBearerVerifier } from '../issued-tokens/graph-bearer-verifier';
import { IdTokenIssuer } from '../issued-tokens/id-token-issuer';
import { EXCHANGE_AUDIENCES } from '../issued-tokens/issuers';
import { DEFAULT_DEVICE_CODE_INTERVAL_SECONDS } from '../issued-tokens/token-lifetimes';
import { createEmulatorApp } from './create-emulator-app';
import { createRequestStats, type RequestStats } from './request-stats';
import { createDirectoryHalf } from './directory-half.parts';
import type { FaultController } from '../faults';

export interface StartEmulatorOptions {
  /** 0 picks a free port. Default 0. */
  port?: number;
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  fixture?: EmulatorFixture;
  /** Where the local CA and the token-signing keys live (reused across restarts). Default: a directory under the OS temp dir. */
  stateDir?: string;
  /** Extra host names for the server certificate (localhost, 127.0.0.1 and ::1 are always in it). */
  hostnames?: string[];
  /** Seconds between device-code polls the emulator asks for. Default 5, as Microsoft. */
  deviceCodeIntervalSeconds?: number;
}

export interface RunningEmulator {
  /** `https://localhost:{port}`. */
  url: string;
  port: number;
  caCertPem: string;
  caCertPath: string;
  /** Base64 SHA-256 of the server key's SPKI, for Chromium's `--ignore-certificate-errors-spki-list`. */
  serverSpkiSha256: string;
  store: MemoryStore;
  /** Fault injection (429, 5xx, delays, cut connections) for Graph and the token endpoint. */
  faults: FaultController;
  context: EmulatorContext;
  /** Requests answered so far, by kind (live counters). */
  requests: RequestStats;
  /** Makes a new signing key current; the previous one stays published for a while. */
  rotateSigningKeys(): { kid: string; previousKid: string };
  close(): Promise<void>;
}

export const DEFAULT_STATE_DIR = join(tmpdir(), 'archive365-entra-emulator');

/** Starts the emulator over HTTPS with its own local CA. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const store = createMemoryStore();
  if (options.fixture) store.load(options.fixture);
  const clock = store.clock;
  const stateDir = options.stateDir ?? DEFAULT_STATE_DIR;
  const ca = loadOrCreateLocalCa(stateDir);
  const keys = new SigningKeyRing(clock, DEFAULT_RETIRED_KEY_RETENTION_MS, new SigningKeyFile(stateDir));
  const identity: IdentityContext = {
    store,
    clock,
    keys,
    grants: new GrantStore<AuthorizeRequest>(clock),
    adminConsents: new PendingConsents(clock),
    accessTokens: new AccessTokenIssuer(keys, clock),
    idTokens: new IdTokenIssuer(keys, clock),
    settings: {
      deviceCodeIntervalSeconds: options.deviceCodeIntervalSeconds ?? DEFAULT_DEVICE_CODE_INTERVAL_SECONDS,
    },
  };
  const context: EmulatorContext = {
    store,
    verifyGraphBearer: createGraphBearerVerifier(keys, clock, store),
    verifyExchangeBearer: createGraphBearerVerifier(keys, clock, store, EXCHANGE_AUDIENCES),
  };
  const directory = createDirectoryHalf(context, store);
  const requests = createRequestStats();
  const app = createEmulatorApp({ identity, ...directory.parts, countRequests: requests.count });

  const certificate = issueServerCertificate(ca, options.hostnames);
  const server = createServer({ key: certificate.keyPem, cert: certificate.certPem + ca.certPem }, app);
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const port = (server.address() as AddressInfo).port;

  return {
    url: `https://localhost:${port}`,
    port,
    caCertPem: ca.certPem,
    caCertPath: ca.certPath,
    serverSpkiSha256: certificate.spkiSha256,
    store,
    faults: directory.faults,
    context,
    requests: requests.stats,
    rotateSigningKeys: () => keys.rotate(),
    close: () => closeServer(server),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections would hold close() open; end them.
    server.closeAllConnections();
  });
}
