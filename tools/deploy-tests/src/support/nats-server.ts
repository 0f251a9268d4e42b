import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { processEnvironment } from '@archive365/config';

/** nats-server from the PATH (the test command's machine runs NATS already; see the README). */
export function natsServerBinary(): string {
  for (const dir of [
    ...(processEnvironment()['PATH'] ?? '').split(delimiter),
    '/usr/sbin',
    '/usr/local/bin',
  ]) {
    if (dir && existsSync(join(dir, 'nats-server'))) return join(dir, 'nats-server');
  }
  throw new Error(
    'nats-server is needed to check the NATS configurations: install it (apt-get install nats-server)',
  );
}

/** A CA and a server certificate for localhost, made with openssl, as cert-manager would issue them. */
export function makeTlsFiles(dir: string): { ca: string; cert: string; key: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '1',
    '-subj',
    '/CN=archive365 test CA',
  );
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tls.key', '-out', 'tls.csr', '-subj', '/CN=nats');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  run(
    'x509',
    '-req',
    '-in',
    'tls.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'tls.crt',
    '-days',
    '1',
    '-extfile',
    'san.ext',
  );
  return { ca: join(dir, 'ca.crt'), cert: join(dir, 'tls.crt'), key: join(dir, 'tls.key') };
}

/**
 * A deployment's nats.conf pointed at local folders: the certificate, JetStream store and pid file
 * paths of the pod become `dir`, and the fixed ports become random ones.
 */
export function localised(conf: string, dir: string): string {
  return conf
    .replaceAll('/etc/nats/tls/', `${dir}/`)
    .replaceAll('/data/jetstream', `${dir}/jetstream`)
    .replaceAll('/var/run/nats/', `${dir}/`)
    .replace(/^port: 4222$/m, 'port: -1')
    .replace(/^http_port: 8222$/m, 'http_port: -1')
    .replace(/^(\s+)port: 6222$/m, '$1port: -1');
}

/** The configuration without its `cluster { ... }` block: one server, for clients to connect to. */
export function withoutCluster(conf: string): string {
  const start = conf.search(/^cluster \{/m);
  if (start < 0) return conf;
  let depth = 0;
  for (let i = conf.indexOf('{', start); i < conf.length; i++) {
    if (conf[i] === '{') depth++;
    if (conf[i] === '}' && --depth === 0) return conf.slice(0, start) + conf.slice(i + 1);
  }
  throw new Error('unbalanced cluster block');
}

export interface RunningNats {
  clientPort: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startNatsServer(configFile: string, env: Record<string, string>): Promise<RunningNats> {
  const child = spawn(natsServerBinary(), ['-c', configFile], {
    env: { ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const clientPort = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const port = /Listening for client connections on [^\s]+:(\d+)/.exec(log)?.[1];
      if (port && /Server is ready/.test(log)) resolve(Number(port));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`nats-server exited with ${code}:\n${log}`)));
  });
  return {
    clientPort,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
