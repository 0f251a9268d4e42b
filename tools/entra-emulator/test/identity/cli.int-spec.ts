import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorDispatcher } from '../../src';

jest.setTimeout(60_000);

const BIN = join(__dirname, '../../bin/entra-emulator.mjs');

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  caPath: string;
  tenantId: string;
}

function startCli(stateDir: string): Promise<Started> {
  const child = spawn(process.execPath, [
    BIN,
    '--port',
    '0',
    '--generate',
    '10',
    '--seed',
    'cli',
    '--state-dir',
    stateDir,
  ]);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (https:\/\/localhost:\d+)/.exec(output)?.[1];
      const caPath = /CA certificate: (\S+)/.exec(output)?.[1];
      const tenantId = /Tenant ([0-9a-f-]{36})/.exec(output)?.[1];
      if (url && caPath && tenantId) resolve({ child, url, caPath, tenantId });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the emulator exited early (${code}): ${output}`)));
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('entra-emulator command line', () => {
  it('starts with a generated tenant, serves discovery over its CA, stops on SIGTERM and reuses the CA on restart', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
    const first = await startCli(stateDir);
    const caPem = readFileSync(first.caPath, 'utf8');
    const response = await fetch(`${first.url}/${first.tenantId}/v2.0/.well-known/openid-configuration`, {
      dispatcher: emulatorDispatcher(caPem),
    } as unknown as RequestInit);
    expect(((await response.json()) as { issuer: string }).issuer).toBe(
      `${first.url}/${first.tenantId}/v2.0`,
    );
    expect(await stop(first.child)).toBe(0);

    const second = await startCli(stateDir);
    expect(readFileSync(second.caPath, 'utf8')).toBe(caPem);
    expect(await stop(second.child)).toBe(0);
  });

  it('refuses bad options with exit code 2 and says what to fix', async () => {
    const child = spawn(process.execPath, [BIN, '--port', 'eighty']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("--port must be a whole number from 0 to 65535, got 'eighty'.");
  });
});
