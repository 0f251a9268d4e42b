import { ClientSecretCredential } from '@azure/identity';
import { Client, type ClientOptions } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDirectoryHalf } from '../../../src/control/directory-half.parts';
import type { EmulatorContext } from '../../../src/emulator.types';
import type { FaultController } from '../../../src/faults';
import { GrantStore } from '../../../src/identity/grant-store';
import type { AuthorizeRequest } from '../../../src/identity/authorize/authorize-request';
import { SigningKeyRing } from '../../../src/keys/signing-key-ring';
import { createEmulatorApp } from '../../../src/server/create-emulator-app';
import { emulatorDispatcher, trustEmulatorCaInProcess } from '../../../src/server/trust-ca';
import { createMemoryStore, type MemoryStore } from '../../../src/store/memory-store';
import { loadOrCreateLocalCa } from '../../../src/tls/local-ca';
import { issueServerCertificate } from '../../../src/tls/server-certificate';
import { AccessTokenIssuer } from '../../../src/tokens/access-token-issuer';
import { createGraphBearerVerifier } from '../../../src/tokens/graph-bearer-verifier';
import { IdTokenIssuer } from '../../../src/tokens/id-token-issuer';
import { directoryTestTenant, TENANT_ID, type TestApp } from './directory-fixture';

export interface DirectoryHarness {
  url: string;
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
 * The emulator over real HTTPS with its local CA, both halves mounted as the server mounts them.
 */
export async function startDirectoryHarness(): Promise<DirectoryHarness> {
  const store = createMemoryStore();
  store.load({ tenants: [directoryTestTenant()] });
  const keys = new SigningKeyRing(store.clock);
  const context: EmulatorContext = {
    store,
    verifyGraphBearer: createGraphBearerVerifier(keys, store.clock, store),
  };
  const directory = createDirectoryHalf(context, store);
  const app = createEmulatorApp({
    identity: {
      store,
      clock: store.clock,
      keys,
      grants: new GrantStore<AuthorizeRequest>(),
      accessTokens: new AccessTokenIssuer(keys, store.clock),
      idTokens: new IdTokenIssuer(keys, store.clock),
      settings: { deviceCodeIntervalSeconds: 1 },
    },
    ...directory.parts,
  });
  const ca = loadOrCreateLocalCa(mkdtempSync(join(tmpdir(), 'entra-emulator-directory-')));
  const certificate = issueServerCertificate(ca);
  const server = createServer({ key: certificate.keyPem, cert: certificate.certPem + ca.certPem }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://localhost:${(server.address() as AddressInfo).port}`;

  trustEmulatorCaInProcess(ca.certPem);
  const dispatcher = emulatorDispatcher(ca.certPem);
  // Node's bundled undici and the undici package declare the same Dispatcher with different type files.
  const trustedFetch: typeof fetch = (input, init) =>
    fetch(input, { ...init, dispatcher } as unknown as RequestInit);

  return {
    url,
    store,
    faults: directory.faults,
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
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
