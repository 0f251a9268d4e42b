import { createHash, randomBytes } from 'node:crypto';
import { ClientSecretCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { KeyCredential } from '@microsoft/microsoft-graph-types';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FetchOptions } from '@microsoft/microsoft-graph-client';
import { emulatorDispatcher, startEmulator, type RunningEmulator } from '@archive365/entra-emulator';
import { Subjects } from '@archive365/contracts';
import {
  connectTestRpc,
  createTestDatabase,
  createTestNamespace,
  startTestService,
  type TestDatabase,
  type TestNamespace,
  type TestRpc,
  type TestService,
} from '@archive365/testing';
import { credentialsService } from '../../src/app/service.definition';
import type { CredentialsConfig } from '../../src/config';
import { agentTrusting, throughAgent } from '../../src/tokens';
import { customerTenant, GRAPH_APP_ID, SETUP_APP, TENANT_ID } from './tenant-fixture';

export const INSTANCE = 'fabrikam';

/** 32 random bytes as `id:base64`, the CREDENTIALS_MASTER_KEYS format. */
export function masterKey(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/**
 * The credentials service in this process on its own PostgreSQL database and NATS namespace, with
 * the Entra emulator over HTTPS as its authority, and an administrator's Graph client for the
 * steps done in the Azure portal (uploading certificates).
 */
export class CredentialsHarness {
  service!: TestService<CredentialsConfig>;
  rpc!: TestRpc;
  admin!: Client;
  readonly masterKeys = masterKey('k1');

  private constructor(
    readonly emulator: RunningEmulator,
    readonly database: TestDatabase,
    readonly ns: TestNamespace,
  ) {}

  static async start(): Promise<CredentialsHarness> {
    // A CA of its own, trusted by nobody in this process: the service must trust it through ENTRA_CA_FILE.
    const emulator = await startEmulator({ stateDir: mkdtempSync(join(tmpdir(), 'credentials-emulator-')) });
    // Admin consent names the tenant's Microsoft Graph service principal, which exists once the tenant does.
    emulator.store.load(customerTenant());
    const graphSpId = emulator.store.tenant(TENANT_ID)?.servicePrincipalByAppId(GRAPH_APP_ID)?.id;
    if (!graphSpId) throw new Error('the emulator has no Microsoft Graph service principal for the tenant');
    emulator.store.load(customerTenant(graphSpId));

    const harness = new CredentialsHarness(
      emulator,
      await createTestDatabase('credentials'),
      createTestNamespace(),
    );
    await harness.startService();
    harness.rpc = await connectTestRpc(harness.ns.natsUrl, harness.ns.namespace);
    harness.admin = Client.initWithMiddleware({
      baseUrl: emulator.url,
      authProvider: new TokenCredentialAuthenticationProvider(
        new ClientSecretCredential(TENANT_ID, SETUP_APP.appId, SETUP_APP.secret, {
          authorityHost: emulator.url,
          disableInstanceDiscovery: true,
          additionalPolicies: [throughAgent(agentTrusting(emulator.caCertPem))],
        }),
        { scopes: ['https://graph.microsoft.com/.default'] },
      ),
      customHosts: new Set(['localhost']),
      fetchOptions: harness.fetchOptions,
    });
    await harness.rpc.rpc.send(Subjects.CreateInstance, {
      alias: INSTANCE,
      displayName: 'Fabrikam',
      publicBaseUrl: 'https://archive.example.net',
    });
    return harness;
  }

  /** (Re)starts the service on the same database; `env` overrides its configuration. */
  async startService(env: Record<string, string> = {}): Promise<TestService<CredentialsConfig>> {
    this.service = await startTestService(credentialsService, this.serviceEnv(env));
    return this.service;
  }

  serviceEnv(env: Record<string, string> = {}): Record<string, string> {
    return {
      NATS_URL: this.ns.natsUrl,
      NATS_NAMESPACE: this.ns.namespace,
      DATABASE_URL: this.database.url,
      CREDENTIALS_MASTER_KEYS: this.masterKeys,
      ENTRA_AUTHORITY_HOST: this.emulator.url,
      ENTRA_CA_FILE: this.emulator.caCertPath,
      ...env,
    };
  }

  /** What an administrator does in the portal: read the app's keys, append one, write the list back. */
  async uploadCertificate(appObjectId: string, derBase64: string, displayName: string): Promise<void> {
    const app = (await this.admin.api(`/applications/${appObjectId}`).select('keyCredentials').get()) as {
      keyCredentials: KeyCredential[];
    };
    await this.admin.api(`/applications/${appObjectId}`).patch({
      keyCredentials: [
        ...app.keyCredentials,
        { type: 'AsymmetricX509Cert', usage: 'Verify', key: derBase64, displayName },
      ],
    });
  }

  async removeCertificate(appObjectId: string, thumbprintSha1: string): Promise<void> {
    const app = (await this.admin.api(`/applications/${appObjectId}`).select('keyCredentials').get()) as {
      keyCredentials: KeyCredential[];
    };
    const sha1 = (key: KeyCredential) =>
      createHash('sha1')
        .update(Buffer.from(key.key ?? '', 'base64'))
        .digest('hex')
        .toUpperCase();
    await this.admin.api(`/applications/${appObjectId}`).patch({
      keyCredentials: app.keyCredentials.filter((key) => sha1(key) !== thumbprintSha1),
    });
  }

  /** For Graph clients of the tests: global fetch trusting the emulator's CA. */
  get fetchOptions(): FetchOptions {
    // undici's own Agent type and the copy @types/node bundles differ only in declarations.
    return { dispatcher: emulatorDispatcher(this.emulator.caCertPem) } as unknown as FetchOptions;
  }

  async close(): Promise<void> {
    await this.rpc?.close();
    await this.service?.stop();
    await this.emulator.close();
    await this.database.drop();
    await this.ns.cleanup();
  }
}
