import { randomBytes } from 'node:crypto';
import { ClientSecretCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { KeyCredential } from '@microsoft/microsoft-graph-types';

interface RegisteredApp {
  appId: string;
  applicationId: string;
  servicePrincipalId: string;
  roles: string[];
}

/**
 * What the customer's administrator does in the Azure portal, played against the emulator: register
 * apps (through the emulator's control API) and upload certificates (through Graph, as the portal
 * does). The process trusts the emulator's CA through NODE_EXTRA_CA_CERTS, set by the demo script.
 */
export class EmulatorAdmin {
  private graph?: Client;

  constructor(
    private readonly emulatorUrl: string,
    readonly tenantId: string,
  ) {}

  /** The first tenant that is not one of `except` (the provider's own tenant is not a customer). */
  static async forCustomerTenant(
    emulatorUrl: string,
    except: string[] = [],
  ): Promise<EmulatorAdmin & { domain: string; domains: string[]; displayName: string; users: number }> {
    const response = await fetch(`${emulatorUrl}/_emulator/tenants`);
    const { value } = (await response.json()) as {
      value: { id: string; displayName: string | null; domains: string[]; users: number }[];
    };
    const tenant = value.find((candidate) => !except.includes(candidate.id));
    if (!tenant) throw new Error('the emulator has no customer tenant');
    return Object.assign(new EmulatorAdmin(emulatorUrl, tenant.id), {
      domain: tenant.domains[0],
      domains: tenant.domains,
      displayName: tenant.displayName ?? tenant.domains[0],
      users: tenant.users,
    });
  }

  /** The user principal name of the tenant's user with this mail nickname, whichever domain it is in. */
  async userPrincipalName(nickname: string, domains: string[]): Promise<string> {
    for (const domain of domains) {
      const response = await fetch(
        `${this.emulatorUrl}/_emulator/tenants/${this.tenantId}/users/${nickname}@${domain}`,
      );
      if (response.status === 200) return `${nickname}@${domain}`;
    }
    throw new Error(`the tenant has no user "${nickname}"`);
  }

  /** An app registration with admin consent to the given Microsoft Graph / Exchange application permissions. */
  async registerApp(
    displayName: string,
    graphRoles: string[],
    exchangeRoles: string[] = [],
  ): Promise<RegisteredApp & { secret: string }> {
    const secret = randomBytes(24).toString('base64url');
    const response = await fetch(`${this.emulatorUrl}/_emulator/tenants/${this.tenantId}/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName, clientSecret: secret, graphRoles, exchangeRoles }),
    });
    if (response.status !== 201)
      throw new Error(`registering ${displayName} failed: ${response.status} ${await response.text()}`);
    return { ...((await response.json()) as RegisteredApp), secret };
  }

  /** Signs the portal in as a tool allowed to edit app registrations. */
  useTool(tool: RegisteredApp & { secret: string }): void {
    const credential = new ClientSecretCredential(this.tenantId, tool.appId, tool.secret, {
      authorityHost: this.emulatorUrl,
      disableInstanceDiscovery: true,
    });
    this.graph = Client.initWithMiddleware({
      baseUrl: this.emulatorUrl,
      authProvider: new TokenCredentialAuthenticationProvider(credential, {
        scopes: ['https://graph.microsoft.com/.default'],
      }),
      customHosts: new Set([new URL(this.emulatorUrl).hostname]),
    });
  }

  /** "Certificates & secrets" > "Upload certificate": appends the key to the app registration. */
  async uploadCertificate(applicationObjectId: string, cer: Buffer, displayName: string): Promise<number> {
    const keys = await this.keysOf(applicationObjectId);
    const keyCredentials = [
      ...keys,
      { type: 'AsymmetricX509Cert', usage: 'Verify', key: cer.toString('base64'), displayName },
    ];
    await this.client().api(`/applications/${applicationObjectId}`).patch({ keyCredentials });
    return keyCredentials.length;
  }

  async removeCertificate(applicationObjectId: string, displayName: string): Promise<number> {
    const keyCredentials = (await this.keysOf(applicationObjectId)).filter(
      (key) => key.displayName !== displayName,
    );
    await this.client().api(`/applications/${applicationObjectId}`).patch({ keyCredentials });
    return keyCredentials.length;
  }

  private async keysOf(applicationObjectId: string): Promise<KeyCredential[]> {
    const app = (await this.client()
      .api(`/applications/${applicationObjectId}`)
      .select('keyCredentials')
      .get()) as { keyCredentials: KeyCredential[] };
    return app.keyCredentials;
  }

  private client(): Client {
    if (!this.graph) throw new Error('call useTool first');
    return this.graph;
  }
}
