import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processEnvironment } from '@archive365/config';
import { renderServerConfig } from '@archive365/messaging';
import { ensureIdentities } from './identities';

/** The test harness finds it the same way (TEST_NATS_SERVER, PATH, /usr/sbin). */
function natsServerBinary(): string {
  const env = processEnvironment();
  const dirs = [...(env['PATH'] ?? '').split(':'), '/usr/sbin', '/usr/local/sbin'];
  const found = dirs.map((dir) => join(dir, 'nats-server')).find((path) => existsSync(path));
  return env['TEST_NATS_SERVER'] || found || 'nats-server';
}

describe('generated nats-server configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nats-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is accepted by nats-server and keeps existing identities', () => {
    const identities = ensureIdentities(join(dir, 'identities'));
    const again = ensureIdentities(join(dir, 'identities'));
    expect(again.map((i) => i.publicKey)).toEqual(identities.map((i) => i.publicKey));
    expect(readFileSync(identities[0].seedFile, 'utf8')).toMatch(/^SU/);

    const file = join(dir, 'nats-server.conf');
    writeFileSync(
      file,
      renderServerConfig({
        namespace: 'archive365',
        servicePublicKeys: Object.fromEntries(identities.map((i) => [i.service, i.publicKey])) as never,
        jetstreamDir: join(dir, 'js'),
      }),
    );
    const check = spawnSync(natsServerBinary(), ['-c', file, '-t'], { encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`).toContain('is valid');
    expect(check.status).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('no_auth_user');
  });
});
