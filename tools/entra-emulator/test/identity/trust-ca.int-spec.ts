import { X509Certificate } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorDispatcher, startEmulator, trustEmulatorCaInProcess, type RunningEmulator } from '../../src';

function httpsStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('trusting the emulator CA', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ stateDir: mkdtempSync(join(tmpdir(), 'emulator-trust-')) });
  });
  afterAll(async () => emulator.close());

  it('an undici dispatcher trusts the CA without touching the process defaults', async () => {
    const keys = `${emulator.url}/common/discovery/v2.0/keys`;
    await expect(fetch(keys)).rejects.toThrow();
    const response = await fetch(keys, {
      dispatcher: emulatorDispatcher(emulator.caCertPem),
    } as unknown as RequestInit);
    expect(response.status).toBe(200);
  });

  it('trustEmulatorCaInProcess makes both node:https and the global fetch trust it, keeping the system CAs', async () => {
    const url = `${emulator.url}/common/v2.0/.well-known/openid-configuration`;
    await expect(httpsStatus(url)).rejects.toThrow(/certificate/);
    const { getCACertificates } = await import('node:tls');
    trustEmulatorCaInProcess(emulator.caCertPem);
    trustEmulatorCaInProcess(emulator.caCertPem);
    const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;
    const trusted = getCACertificates('default').map(fingerprint);
    expect(trusted.filter((print) => print === fingerprint(emulator.caCertPem))).toHaveLength(1);
    // The public roots are still there.
    expect(trusted).toContain(fingerprint(getCACertificates('bundled')[0]));
    expect(await httpsStatus(url)).toBe(200);
    expect((await fetch(url)).status).toBe(200);
  });
});
