import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientCertificateCredential } from '@azure/identity';
import { startEmulator, trustEmulatorCaInProcess } from '../../src';
import {
  identityFixture,
  makeTestCertificates,
  CONNECTOR_APP_ID,
  TENANT_ID,
} from './support/identity-fixture';

describe('emulator restart with the same state directory', () => {
  it('keeps CA and signing keys: a token cached before the restart is still accepted by Graph after it', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'emulator-restart-'));
    const certs = makeTestCertificates();
    const fixture = identityFixture(certs);
    const before = await startEmulator({ stateDir, fixture });
    trustEmulatorCaInProcess(before.caCertPem);
    const token = await new ClientCertificateCredential(
      TENANT_ID,
      CONNECTOR_APP_ID,
      { certificate: certs.valid.keyPem + certs.valid.certPem },
      {
        authorityHost: before.url,
        disableInstanceDiscovery: true,
      },
    ).getToken('https://graph.microsoft.com/.default');
    await before.close();

    const after = await startEmulator({ stateDir, fixture });
    try {
      expect(after.caCertPem).toBe(before.caCertPem);
      await expect(after.context.verifyGraphBearer(`Bearer ${token.token}`)).resolves.toMatchObject({
        appid: CONNECTOR_APP_ID,
      });
    } finally {
      await after.close();
    }
  });

  it('several emulators starting together on one state directory agree on one CA', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'emulator-parallel-'));
    const emulators = await Promise.all([
      startEmulator({ stateDir }),
      startEmulator({ stateDir }),
      startEmulator({ stateDir }),
    ]);
    try {
      expect(new Set(emulators.map((emulator) => emulator.caCertPem)).size).toBe(1);
    } finally {
      await Promise.all(emulators.map((emulator) => emulator.close()));
    }
  });
});
