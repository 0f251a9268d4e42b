import { ClientSecretCredential } from '@azure/identity';
import { Client, type ClientOptions } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorDispatcher, startEmulator, trustEmulatorCaInProcess } from '../../../src';
import type { FaultController } from '../../../src/faults';
import type { MemoryStore } from '../../../src/store/memory-store';
import { directoryTestTenant, TENANT_ID, type TestApp } from './directory-fixture';

export interface DirectoryHarness {
  url: string;
  /** The emulator's CA certificate (PEM), for clients built by a test itself. */
  caCertPem: string;
  store: MemoryStore;
  faults: FaultController;
  /** fetch trusting the emulator's CA (for the control API and raw Graph calls). */
  fetch: typeof fetch;
  /** The unmodified Graph client, authenticated as `app` through @azure/identity against the emulator. */
  graphClient(app: TestApp, options?: Partial<ClientOptions>): Client;
  /** An app-only access token for Graph, from the emulator's token endpoint through @azure/identity. */
  token(app: TestApp): Promise<string>;
  /** `POST`/`PATCH`/... a JSON body to the control API. */
  control(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The emulator as `startEmulator` runs it (real HTTPS, local CA, both halves), seeded with the
 * directory test tenant.
 */
export async function startDirectoryHarness(): Promise<DirectoryHarness> {
  const emulator = await startEmulator({
    fixture: { tenants: [directoryTestTenant()] },
    stateDir: mkdtempSync(join(tmpdir(), 'entra-emulator-directory-')),
  });
  const url = emulator.url;
  trustEmulatorCaInProcess(emulator.caCertPem);
  const dispatcher = emulatorDispatcher(emulator.caCertPem);
  // Node's bundled undici and the undici package declare the same Dispatcher with different type files.
  const trustedFetch: typeof fetch = (input, init) =>
    fetch(input, { ...init, dispatcher } as unknown as RequestInit);

  return {
    url,
    caCertPem: emulator.caCertPem,
    store: emulator.store,
    faults: emulator.faults,
    fetch: trustedFetch,
    graphClient(testApp, options = {}) {
      const credential = new ClientSecretCredential(TENANT_ID, testApp.appId, testApp.secret, {
        authorityHost: url,
        disableInstanceDiscovery: true,
      });
      const authProvider = new TokenCredentialAuthenticationProvider(credential, {
        scopes: ['https://graph.microsoft.com/.default'],
      });
      return Client.initWithMiddleware({
        authProvider,
        baseUrl: `${url}/`,
        customHosts: new Set(['localhost']),
        fetchOptions: { dispatcher } as unknown as RequestInit,
        ...options,
      } as ClientOptions);
    },
    async token(testApp) {
      const credential = new ClientSecretCredential(TENANT_ID, testApp.appId, testApp.secret, {
        authorityHost: url,
        disableInstanceDiscovery: true,
      });
      return (await credential.getToken('https://graph.microsoft.com/.default')).token;
    },
    control: (method, path, body) =>
      trustedFetch(`${url}/_emulator${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    close: () => emulator.close(),
  };
}
