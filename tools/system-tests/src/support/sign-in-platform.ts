import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Subjects,
  type SignInResponseType,
  type SyncConfigurationFields,
  type SyncRunView,
} from '@archive365/contracts';
import { startEmulator, trustEmulatorCaInProcess, type RunningEmulator } from '@archive365/entra-emulator';
import { connectTestRpc, waitFor, type TestRpc } from '@archive365/testing';
import { CookieClient } from './cookie-client';
import { HttpsFront } from './https-front';
import { TestPlatform } from './platform';

/** Office 365 E3 (its Exchange Online plan makes a user "licensed"). */
export const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const ACCESS_AS_USER = '0acce550-0000-4000-8000-000000000001';
export const PASSWORD = 'Archive-Pa55!';

export interface SignInPlatformOptions {
  responseType: SignInResponseType;
  alias?: string;
  gatewayEnv?: Record<string, string>;
}

/**
 * Everything an archive user's sign-in touches, real: the emulator as Microsoft (a customer tenant with
 * the archive's app registration: web redirect URI, ID tokens, an exposed API for the add-in, Graph
 * consent for directory sync), credentials, directory-sync and auth-gateway on NATS and PostgreSQL, and
 * an HTTPS front as the archive's public address. The instance's users come from a real sync run.
 */
export class SignInPlatform {
  readonly platform = TestPlatform.create();
  front!: HttpsFront;
  emulator!: RunningEmulator;
  caller!: TestRpc;
  tenantId!: string;
  appId!: string;
  applicationObjectId!: string;
  credentialId!: string;
  readonly alias: string;
  private readonly clients: CookieClient[] = [];

  constructor(private readonly options: SignInPlatformOptions) {
    this.alias = options.alias ?? 'contoso';
  }

  static async start(options: SignInPlatformOptions): Promise<SignInPlatform> {
    const sut = new SignInPlatform(options);
    try {
      await sut.boot();
    } catch (error) {
      await sut.close();
      throw error;
    }
    return sut;
  }

  /** `https://localhost:<port>/<alias>`: the instance as browsers reach it. */
  get base(): string {
    return `${this.front.url}/${this.alias}`;
  }

  get domain(): string {
    return `${this.alias}.example`;
  }

  private async boot(): Promise<void> {
    this.front = await HttpsFront.start();
    this.emulator = await startEmulator({ stateDir: mkdtempSync(join(tmpdir(), 'sign-in-emulator-')) });
    trustEmulatorCaInProcess(this.emulator.caCertPem);
    this.tenantId = await this.seedTenant(this.alias);
    this.appId = await this.registerArchiveApp();
    const authority = { ENTRA_AUTHORITY_HOST: this.emulator.url, ENTRA_CA_FILE: this.emulator.caCertPath };
    this.platform.serviceEnv.credentials = { ...this.platform.serviceEnv.credentials, ...authority };
    this.platform.serviceEnv['directory-sync'] = {
      GRAPH_BASE_URL: this.emulator.url,
      GRAPH_CA_FILE: this.emulator.caCertPath,
    };
    this.platform.serviceEnv['auth-gateway'] = {
      ...authority,
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000',
      ...this.options.gatewayEnv,
    };
    await this.platform.start('credentials');
    await this.platform.start('directory-sync');
    this.front.target = (await this.platform.start('auth-gateway')).url;
    this.caller = await connectTestRpc(this.platform.ns.natsUrl, this.platform.ns.namespace);
    await this.setUpInstance();
  }

  /** A tenant with no users yet; every user of a test is created by the test. */
  async seedTenant(name: string): Promise<string> {
    const seeded = await this.control<{ value: { id: string }[] }>('POST', '/tenants', {
      generate: { users: 0, seed: name, domain: `${name}.example` },
    });
    const tenantId = seeded.value[0].id;
    for (const user of this.emulator.store.tenant(tenantId)?.users.all() ?? [])
      await this.control('DELETE', `/tenants/${tenantId}/users/${user.id}`);
    return tenantId;
  }

  /**
   * The archive's app registration, as an administrator sets it up in the portal (provisioning automates
   * this): web redirect URI and ID tokens for browsers; an exposed API with `access_as_user`, v2 tokens,
   * the add-in pre-authorized and the broker's SPA redirect URI for nested app authentication.
   */
  private async registerArchiveApp(): Promise<string> {
    const app = await this.control<{ appId: string; applicationId: string }>(
      'POST',
      `/tenants/${this.tenantId}/apps`,
      {
        displayName: 'Email Archive',
        clientSecret: 'not-used-by-the-archive-0000',
        graphRoles: ['Directory.Read.All'],
      },
    );
    this.applicationObjectId = app.applicationId;
    const registration = this.emulator.store.tenant(this.tenantId)?.applicationByAppId(app.appId);
    if (!registration) throw new Error('the emulator did not create the app registration');
    registration.web = {
      redirectUris: [`${this.front.url}/${this.alias}/oidc/signin`],
      implicitGrantSettings: { enableIdTokenIssuance: true, enableAccessTokenIssuance: false },
    };
    return app.appId;
  }

  /** The API the Outlook add-in asks a token for, set up through Graph as the portal does it. */
  async exposeApi(): Promise<void> {
    const origin = new URL(this.front.url);
    const response = await fetch(`${this.emulator.url}/v1.0/applications/${this.applicationObjectId}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${await this.adminGraphToken()}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        identifierUris: [`api://${this.appId}`],
        api: {
          requestedAccessTokenVersion: 2,
          oauth2PermissionScopes: [
            {
              id: ACCESS_AS_USER,
              value: 'access_as_user',
              type: 'User',
              isEnabled: true,
              adminConsentDisplayName: 'Use the archive as the signed-in user',
              adminConsentDescription: 'Lets the Outlook add-in reach the archive for the signed-in user.',
            },
          ],
          preAuthorizedApplications: [{ appId: this.appId, delegatedPermissionIds: [ACCESS_AS_USER] }],
        },
        spa: { redirectUris: [`brk-multihub://${origin.host}`] },
      }),
    });
    if (!response.ok) throw new Error(`exposing the API: ${response.status} ${await response.text()}`);
  }

  /** A Global Administrator's delegated Graph token (through Microsoft Graph Command Line Tools). */
  private async adminGraphToken(): Promise<string> {
    const admin = await this.addUser('admin', { licensed: false });
    await this.control('PUT', `/tenants/${this.tenantId}/users/${admin.id}/directoryRoles`, {
      roleDefinitionIds: ['62e90394-69f5-4237-9190-012177145e10'],
    });
    const minted = await this.control<{ access_token: string }>(
      'POST',
      `/tenants/${this.tenantId}/sign-ins/access-token`,
      {
        clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
        user: admin.upn,
        scope: 'https://graph.microsoft.com/Application.ReadWrite.All',
      },
    );
    return minted.access_token;
  }

  /** Instance, credential (certificate uploaded to the app), directory sync's credential, sign-in settings. */
  private async setUpInstance(): Promise<void> {
    const rpc = this.caller.rpc;
    await rpc.send(Subjects.CreateInstance, {
      alias: this.alias,
      displayName: this.alias,
      publicBaseUrl: this.front.url,
    });
    await waitFor('the sync profile', () =>
      rpc.send(Subjects.GetSyncConfiguration, { instanceAlias: this.alias }).catch(() => undefined),
    );
    // An RSA key is generated: seconds on a busy machine.
    const credential = await rpc.send(
      Subjects.CreateCredential,
      { instanceAlias: this.alias, name: 'Archive', clientId: this.appId, tenantId: this.tenantId },
      { timeoutMs: 60_000 },
    );
    this.credentialId = credential.id;
    const der = await rpc.send(Subjects.DownloadCertificate, { credentialId: credential.id, format: 'der' });
    this.emulator.store
      .tenant(this.tenantId)
      ?.applicationByAppId(this.appId)
      ?.keyCredentials?.push({
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        key: der.contentBase64,
        keyId: '0c0c0c0c-0000-4000-8000-000000000001',
        startDateTime: new Date(Date.now() - 60_000).toISOString(),
        endDateTime: new Date(Date.now() + 86_400_000).toISOString(),
      });
    await rpc.send(Subjects.AssignSyncCredential, { instanceAlias: this.alias, credentialId: credential.id });
    await rpc.send(Subjects.ConfigureSignIn, {
      instanceAlias: this.alias,
      credentialId: credential.id,
      responseType: this.options.responseType,
    });
  }

  upn(nickname: string, tenantDomain = this.domain): string {
    return `${nickname}@${tenantDomain}`;
  }

  /** A user of the customer's directory, licensed for Exchange unless told otherwise. */
  async addUser(nickname: string, options: { licensed?: boolean; tenantId?: string; domain?: string } = {}) {
    const upn = this.upn(nickname, options.domain ?? this.domain);
    const created = await this.control<{ id: string }>(
      'POST',
      `/tenants/${options.tenantId ?? this.tenantId}/users`,
      {
        displayName: `${nickname[0].toUpperCase()}${nickname.slice(1)} Tester`,
        userPrincipalName: upn,
        givenName: nickname,
        surname: 'Tester',
        accountEnabled: true,
        userType: 'Member',
        usageLocation: 'US',
        mail: upn,
        proxyAddresses: [`SMTP:${upn}`],
        licenseSkuIds: options.licensed === false ? [] : [E3],
        password: PASSWORD,
      },
    );
    return { id: created.id, upn, password: PASSWORD };
  }

  configureSync(fields: SyncConfigurationFields) {
    return this.caller.rpc.send(Subjects.UpdateSyncConfiguration, { instanceAlias: this.alias, ...fields });
  }

  /** A full directory sync run, waited for until it settles. */
  async sync(): Promise<SyncRunView> {
    const rpc = this.caller.rpc;
    const started = await rpc.send(Subjects.StartSync, {
      instanceAlias: this.alias,
      kind: 'full',
      requestedBy: 'test',
    });
    return waitFor(
      `run ${started.id} to settle`,
      async () => {
        const run = await rpc.send(Subjects.GetSyncRun, { runId: started.id });
        return ['reading', 'applying', 'publishing'].includes(run.state) ? undefined : run;
      },
      30_000,
    );
  }

  /** The emulator's control API. */
  async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.emulator.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** A cookie-keeping HTTP client that trusts the front and the emulator. */
  client(): CookieClient {
    const client = new CookieClient([this.front.certPem, this.emulator.caCertPem]);
    this.clients.push(client);
    return client;
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.close()));
    await this.caller?.close();
    await this.platform.close();
    await this.front?.close();
    await this.emulator?.close();
  }
}
