import { randomBytes } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@archive365/testing';
import {
  localised,
  makeTlsFiles,
  natsServerBinary,
  startNatsServer,
  withoutCluster,
  type RunningNats,
} from './support/nats-server';
import { WORKSPACE, readWorkspaceFile } from './support/workspace';

const BUILT_CREDENTIALS = join(WORKSPACE, 'dist/apps/credentials/main.js');

/**
 * The NATS configurations the overlays ship are accepted by nats-server, and the production one really
 * puts TLS and the bus identities between the services and NATS: a built service connects over
 * `tls://` with NATS_TLS_CA_FILE and its own NKey (as the production overlay sets them), fails to start
 * without the CA or without its identity, and a client that does not speak TLS is turned away.
 * Needs the credentials build (`nx run credentials:build`).
 */
describe('NATS configuration of the Kubernetes overlays', () => {
  const dir = mkdtempSync(join(tmpdir(), 'archive365-nats-tls-'));
  let nats: RunningNats | undefined;

  beforeAll(async () => {
    if (!existsSync(BUILT_CREDENTIALS)) {
      throw new Error('No build output for credentials: run `npx nx run credentials:build` first');
    }
    makeTlsFiles(dir);
    // The bus identities and NATS users exactly as an operator makes them.
    execFileSync('bash', [join(WORKSPACE, 'docker/make-secrets.sh'), join(dir, 'secrets')], {
      stdio: 'pipe',
    });
    mkdirSync(join(dir, 'auth'));
    copyFileSync(join(dir, 'secrets/nats-auth.conf'), join(dir, 'auth/auth.conf'));
    const production = localised(readWorkspaceFile('deploy/kubernetes/overlays/production/nats.conf'), dir);
    writeFileSync(join(dir, 'single.conf'), withoutCluster(production));
    nats = await startNatsServer(join(dir, 'single.conf'), { POD_NAME: 'nats-0' });
  });

  afterAll(async () => {
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['development', 'deploy/kubernetes/base/nats/nats.conf'],
    ['production', 'deploy/kubernetes/overlays/production/nats.conf'],
  ])('nats-server accepts the %s configuration', (_, path) => {
    const file = join(dir, `${_}.conf`);
    writeFileSync(file, localised(readWorkspaceFile(path), dir));
    const out = execFileSync(natsServerBinary(), ['-t', '-c', file], {
      env: { POD_NAME: 'nats-0' },
      encoding: 'utf8',
      stdio: 'pipe',
    });
    expect(out).not.toMatch(/error/i);
  });

  it('turns away a client that does not speak TLS', async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = tcpConnect(nats?.clientPort ?? 0, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
        if (text.includes('INFO')) socket.write('CONNECT {"verbose":false}\r\nPING\r\n');
      });
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
      setTimeout(() => socket.destroy(), 3000).unref();
    });
    expect(reply).toContain('"tls_required":true');
    expect(reply).not.toContain('PONG');
  });

  const launchCredentials = (extra: Record<string, string>) => {
    const child = spawn(process.execPath, [BUILT_CREDENTIALS], {
      env: {
        NATS_URL: `tls://127.0.0.1:${nats?.clientPort}`,
        // The namespace the generated permissions are for (this server is the test's own).
        NATS_NAMESPACE: 'archive365',
        DATA_DIR: mkdtempSync(join(dir, 'data-')),
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        CREDENTIALS_MASTER_KEYS: `tls:${randomBytes(32).toString('base64')}`,
        ...extra,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, output: () => output };
  };

  const identity = () => ({ NATS_NKEY_SEED_FILE: join(dir, 'secrets/nats/identities/credentials.nk') });

  it('connects a built service over TLS with its own identity, as the production overlay configures it', async () => {
    const app = launchCredentials({ NATS_TLS_CA_FILE: join(dir, 'ca.crt'), ...identity() });
    try {
      const url = await waitFor(
        'credentials to be ready on NATS over TLS',
        async () => app.output().match(/"url":"(http:\/\/[^"]+)"/)?.[1],
        30000,
      );
      expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    } finally {
      app.child.kill('SIGTERM');
    }
    expect(await app.exited).toBe(0);
  });

  it('keeps the event stream the first service created, warning a service configured for more copies', async () => {
    const tls = { NATS_TLS_CA_FILE: join(dir, 'ca.crt'), ...identity() };
    for (const copies of ['1', '3']) {
      const app = launchCredentials({ ...tls, NATS_STREAM_REPLICAS: copies });
      try {
        await waitFor(
          `credentials (${copies} stream copies) to be ready`,
          async () => app.output().match(/"url":"(http:\/\/[^"]+)"/)?.[1],
          30000,
        );
      } finally {
        app.child.kill('SIGTERM');
      }
      expect(await app.exited).toBe(0);
      // One server: the stream has (and keeps) one copy; the service that wants three says how to change it.
      expect(app.output().includes('nats stream edit ARCHIVE365_EVENTS --replicas 3')).toBe(copies === '3');
    }
  });

  it('does not start a service that cannot verify the NATS certificate', async () => {
    const app = launchCredentials(identity());
    expect(await app.exited).toBe(1);
    expect(app.output()).toMatch(/credentials failed to start: unable to verify the first certificate/);
  });

  it('does not let a service in without its identity', async () => {
    const app = launchCredentials({ NATS_TLS_CA_FILE: join(dir, 'ca.crt') });
    expect(await app.exited).toBe(1);
    expect(app.output()).toMatch(/credentials failed to start: .*Authorization Violation/i);
  });
});
