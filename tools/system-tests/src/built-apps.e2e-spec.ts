import { processEnvironment } from '@archive365/config';
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVICE_NAMES, type ServiceName } from '@archive365/contracts';
import { createTestNamespace, waitFor } from '@archive365/testing';

const workspaceRoot = resolve(__dirname, '../../..');
const mainOf = (name: ServiceName) => join(workspaceRoot, 'dist/apps', name, 'main.js');

interface Exited {
  code: number | null;
  stderr: string;
}

function launch(
  name: ServiceName,
  env: Record<string, string>,
): { child: ChildProcess; exited: Promise<Exited>; output: () => string } {
  const child = spawn(process.execPath, [mainOf(name)], {
    env: { PATH: processEnvironment()['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exited>((resolveExit) =>
    child.on('exit', (code) => resolveExit({ code, stderr })),
  );
  return { child, exited, output: () => stdout + stderr };
}

/**
 * The build output is what ships: each built app boots with plain `node`, reports ready, and stops
 * cleanly on SIGTERM; a bad configuration stops it at once with a message naming the variable.
 * Needs `nx run-many -t build` first (the test command does it).
 */
describe('built apps', () => {
  const ns = createTestNamespace();
  const dataDir = mkdtempSync(join(tmpdir(), 'built-apps-'));

  beforeAll(() => {
    const missing = SERVICE_NAMES.filter((name) => !existsSync(mainOf(name)));
    if (missing.length > 0) {
      throw new Error(`No build output for ${missing.join(', ')}: run \`npx nx run-many -t build\` first`);
    }
  });

  afterAll(async () => {
    await ns.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(SERVICE_NAMES)(
    '%s boots from its build output, becomes ready and stops on SIGTERM',
    async (name) => {
      const started = Date.now();
      const app = launch(name, {
        NATS_URL: ns.natsUrl,
        NATS_NAMESPACE: ns.namespace,
        DATA_DIR: dataDir,
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        CREDENTIALS_MASTER_KEYS: `built:${randomBytes(32).toString('base64')}`,
      });
      try {
        const url = await waitFor(
          `${name} to log that it is ready`,
          async () => app.output().match(/"url":"(http:\/\/[^"]+)"/)?.[1],
          20000,
        );
        const ready = await fetch(`${url}/health/ready`);
        expect(ready.status).toBe(200);
        expect(Date.now() - started).toBeLessThan(20000);
      } finally {
        app.child.kill('SIGTERM');
      }
      const { code } = await app.exited;
      expect(code).toBe(0);
      expect(app.output()).toContain('SIGTERM received: shutting down');
    },
  );

  it.each(SERVICE_NAMES)(
    '%s refuses a bad configuration, naming the variable and the reason',
    async (name) => {
      const app = launch(name, { NATS_URL: 'http://not-nats', LOG_LEVEL: 'loud', DATA_DIR: dataDir });
      const { code, stderr } = await app.exited;
      expect(code).toBe(1);
      expect(stderr).toContain(`Invalid configuration for ${name}`);
      expect(stderr).toMatch(/NATS_URL: must be one or more nats:\/\//);
      expect(stderr).toMatch(/LOG_LEVEL: must be one of/);
    },
  );
});
