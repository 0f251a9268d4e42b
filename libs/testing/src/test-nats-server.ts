import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_NAMES, type ServiceName } from '@archive365/contracts';
import { inboxPrefixOf, renderServerConfig, type BusPermissions } from '@archive365/messaging';
import { nkeys } from 'nats';
import { testEnvironment } from './test-environment';

/** Who a test can connect as, besides the services themselves. */
export type TestBusUser = 'stranger' | 'observer';

/**
 * A real nats-server for one test namespace, started with the configuration generated from the
 * contracts (each service its own NKey and least-privilege permissions), on a free port, JetStream in
 * a temporary folder. Two extra users exist for tests: `stranger` (authenticated, allowed nothing but
 * its own inbox) and `observer` (allowed everything; unauthenticated connections act as it, so that
 * test callers and tools work without credentials).
 */
export interface TestNatsServer {
  url: string;
  namespace: string;
  /** The NKey seed file a service connects with (NATS_NKEY_SEED_FILE). */
  seedFileOf(service: ServiceName): string;
  /** User name and password of an extra user. */
  userOf(user: TestBusUser): { user: string; pass: string };
  /** The inbox prefix an identity must use (the bus lets only it read below it). */
  inboxPrefixOf(identity: ServiceName | TestBusUser): string;
  /**
   * A NATS restart: the server stops (clients see the connection drop) and starts again on the same
   * port with the same JetStream data, so clients reconnect and streams keep their messages.
   */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const running = new Map<string, TestNatsServer>();

/** The server a URL belongs to, when this test file started it. */
export function testNatsServerAt(url: string | undefined): TestNatsServer | undefined {
  return url ? running.get(url) : undefined;
}

export function natsServerBinary(): string {
  const configured = testEnvironment().TEST_NATS_SERVER;
  if (configured) return configured;
  for (const dir of ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/usr/bin', '/opt/nats']) {
    if (dir && existsSync(join(dir, 'nats-server'))) return join(dir, 'nats-server');
  }
  throw new Error(
    'Tests need the nats-server binary (Debian: apt-get install nats-server; or https://nats.io/download); ' +
      'set TEST_NATS_SERVER to its path if it is elsewhere',
  );
}

/**
 * Starts the server synchronously (the harness's `createTestNamespace()` is synchronous): the process
 * is spawned, then this waits for the ports file nats-server writes once it accepts connections.
 * A watchdog shell ends the server if this process dies without stopping it.
 */
export function startTestNatsServer(namespace: string): TestNatsServer {
  const dir = mkdtempSync(join(tmpdir(), 'nats-'));
  const seeds = new Map<ServiceName, string>();
  const publicKeys = {} as Record<ServiceName, string>;
  for (const service of SERVICE_NAMES) {
    const user = nkeys.createUser();
    const file = join(dir, `${service}.nk`);
    writeFileSync(file, `${new TextDecoder().decode(user.getSeed())}\n`, { mode: 0o600 });
    seeds.set(service, file);
    publicKeys[service] = user.getPublicKey();
  }
  const users: Record<TestBusUser, { user: string; pass: string }> = {
    stranger: { user: 'stranger', pass: randomBytes(12).toString('hex') },
    observer: { user: 'observer', pass: randomBytes(12).toString('hex') },
  };
  const strangerRights: BusPermissions = {
    publish: [`${namespace}.stranger.>`],
    subscribe: [`${inboxPrefixOf(namespace, 'stranger')}.>`],
    allowResponses: false,
  };
  const portsDir = join(dir, 'ports');
  mkdirSync(portsDir);
  const configFile = join(dir, 'nats-server.conf');
  writeFileSync(
    configFile,
    renderServerConfig({
      namespace,
      servicePublicKeys: publicKeys,
      port: -1,
      jetstreamDir: join(dir, 'jetstream'),
      portsFileDir: portsDir,
      extraUsers: [
        { ...users.stranger, password: users.stranger.pass, permissions: strangerRights },
        { ...users.observer, password: users.observer.pass, permissions: 'all' },
      ],
      noAuthUser: users.observer.user,
    }),
  );
  const logFile = join(dir, 'nats-server.log');
  let { url, pid } = launch(configFile, logFile, portsDir);
  const server: TestNatsServer = {
    url,
    namespace,
    seedFileOf: (service) => seeds.get(service) as string,
    userOf: (user) => users[user],
    inboxPrefixOf: (identity) => inboxPrefixOf(namespace, identity),
    restart: async () => {
      await terminate(pid);
      // The same port this time, so clients reconnect to the URL they know.
      writeFileSync(
        configFile,
        readFileSync(configFile, 'utf8').replace(/^port: .*$/m, `port: ${new URL(url).port}`),
      );
      for (const file of readdirSync(portsDir)) rmSync(join(portsDir, file), { force: true });
      ({ url, pid } = launch(configFile, logFile, portsDir));
    },
    stop: async () => {
      running.delete(url);
      await terminate(pid);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  running.set(url, server);
  return server;
}

async function terminate(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
  for (let i = 0; i < 250 && isAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

function launch(configFile: string, logFile: string, portsDir: string): { url: string; pid: number } {
  const watchdog = [
    '"$1" -c "$2" -l "$3" & server=$!',
    'while kill -0 "$4" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 1; done',
    'kill "$server" 2>/dev/null',
  ].join('\n');
  const child = spawn(
    'sh',
    ['-c', watchdog, 'nats-watchdog', natsServerBinary(), configFile, logFile, String(process.pid)],
    { stdio: 'ignore' },
  );
  child.unref();
  return waitForPorts(portsDir, logFile);
}

function waitForPorts(portsDir: string, logFile: string): { url: string; pid: number } {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; waited < 10_000; waited += 20) {
    const file = readdirSync(portsDir).find((name) => name.endsWith('.ports'));
    if (file) {
      try {
        const ports = JSON.parse(readFileSync(join(portsDir, file), 'utf8')) as { nats?: string[] };
        const pid = Number(/_(\d+)\.ports$/.exec(file)?.[1]);
        if (ports.nats?.[0]) return { url: ports.nats[0], pid };
      } catch {
        // Being written; read again.
      }
    }
    Atomics.wait(sleeper, 0, 0, 20);
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(no log)';
  throw new Error(`nats-server did not start within 10 s:\n${log.slice(-2000)}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
