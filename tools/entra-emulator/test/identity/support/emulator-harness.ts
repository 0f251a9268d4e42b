import { mkdtempSync } from 'node:fs';
import * as oidc from 'openid-client';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  emulatorDispatcher,
  startEmulator,
  trustEmulatorCaInProcess,
  type RunningEmulator,
} from '../../../src';
import type { EmulatorFixture } from '../../../src/fixture/fixture.types';
import {
  CONNECTOR_APP_ID,
  CONNECTOR_SECRET,
  TENANT_ID,
  identityFixture,
  makeTestCertificates,
  type IdentityTestCertificates,
} from './identity-fixture';

export interface IdentityHarness {
  emulator: RunningEmulator;
  certs: IdentityTestCertificates;
  /** fetch that trusts the emulator's CA. */
  fetch: typeof fetch;
}

/** Starts an emulator with the identity fixture and makes this process trust its CA. */
export async function startIdentityHarness(
  extraRedirectUris: string[] = [],
  makeFixture: (certs: IdentityTestCertificates, redirectUris: string[]) => EmulatorFixture = identityFixture,
): Promise<IdentityHarness> {
  const certs = makeTestCertificates();
  const emulator = await startEmulator({
    fixture: makeFixture(certs, extraRedirectUris),
    stateDir: mkdtempSync(join(tmpdir(), 'entra-emulator-test-')),
    deviceCodeIntervalSeconds: 1,
  });
  trustEmulatorCaInProcess(emulator.caCertPem);
  const dispatcher = emulatorDispatcher(emulator.caCertPem);
  // Node's bundled undici and the undici package declare the same Dispatcher with different type files.
  const trustedFetch: typeof fetch = (input, init) =>
    fetch(input, { ...init, dispatcher } as unknown as RequestInit);
  return { emulator, certs, fetch: trustedFetch };
}

/** The connector app's openid-client configuration, discovered from the emulator through its trusted fetch. */
export function discoverConnector(harness: IdentityHarness): Promise<oidc.Configuration> {
  return oidc.discovery(
    new URL(`${harness.emulator.url}/${TENANT_ID}/v2.0`),
    CONNECTOR_APP_ID,
    CONNECTOR_SECRET,
    undefined,
    {
      [oidc.customFetch]: (url: string, options: oidc.CustomFetchOptions) =>
        harness.fetch(url, options as RequestInit),
    },
  );
}
