import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  approveDeviceCode,
  emulatorDispatcher,
  startEmulator,
  type RunningEmulator,
} from '@archive365/entra-emulator';
import {
  Subjects,
  type EventEnvelope,
  type EventSubject,
  type SetupState,
  type SetupView,
  type StartAutomaticSetupRequest,
} from '@archive365/contracts';
import { eventStreamName, eventWireSubject } from '@archive365/messaging';
import { connectTestRpc, waitFor, type TestRpc } from '@archive365/testing';
import { TestPlatform } from '../support/platform';
import {
  ADMIN,
  CUSTOMER_TENANT,
  PROVIDER_TENANT,
  customerTenantFixture,
  providerTenantFixture,
} from './customer-tenant';

export const PUBLIC_BASE_URL = 'https://archive.example.net';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * The credentials and provisioning services on real NATS and PostgreSQL, with the Entra emulator over
 * HTTPS (its own CA, trusted through ENTRA_CA_FILE only) as the customer's Microsoft 365.
 */
export class ProvisioningPlatform {
  private constructor(
    readonly platform: TestPlatform,
    readonly emulator: RunningEmulator,
    readonly caller: TestRpc,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<ProvisioningPlatform> {
    const emulator = await startEmulator({
      stateDir: mkdtempSync(join(tmpdir(), 'provisioning-emulator-')),
      fixture: customerTenantFixture(),
      deviceCodeIntervalSeconds: 1,
    });
    const platform = TestPlatform.create();
    const entra = { ENTRA_AUTHORITY_HOST: emulator.url, ENTRA_CA_FILE: emulator.caCertPath };
    platform.serviceEnv.credentials = { ...platform.serviceEnv.credentials, ...entra };
    platform.serviceEnv.provisioning = {
      ...entra,
      GRAPH_BASE_URL: emulator.url,
      EXCHANGE_BASE_URL: emulator.url,
      PROPAGATION_WAIT_MS: '3000',
      // Long enough that a setup's keep-alive is never late on a loaded CI machine; the replicas test,
      // which waits for a crashed holder's lease to run out, sets its own short one.
      LEASE_TTL_MS: '10000',
      ...env,
    };
    await platform.start('credentials');
    await platform.start('provisioning');
    const caller = await connectTestRpc(platform.ns.natsUrl, platform.ns.namespace);
    return new ProvisioningPlatform(platform, emulator, caller);
  }

  get rpc() {
    return this.caller.rpc;
  }

  /** The customer's tenant in the emulator, where a test changes the registration as in the portal. */
  customerTenant() {
    const found = this.emulator.store.tenant(CUSTOMER_TENANT);
    if (!found) throw new Error('no tenant');
    return found;
  }

  /** The app registration a setup made in the customer's tenant. */
  setupApp(setup: SetupView) {
    const found = this.customerTenant().apps.applicationByAppId(setup.clientId ?? '');
    if (!found) throw new Error('no app');
    return found;
  }

  /** fetch trusting the emulator's CA (the administrator's browser). */
  readonly fetch: typeof fetch = (input, init) =>
    fetch(input, {
      ...init,
      dispatcher: emulatorDispatcher(this.emulator.caCertPem),
    } as unknown as RequestInit);

  async createInstance(alias: string): Promise<void> {
    await this.rpc.send(Subjects.CreateInstance, {
      alias,
      displayName: alias,
      publicBaseUrl: PUBLIC_BASE_URL,
    });
  }

  /** What the customer's administrator does with the code the console shows. */
  async approve(setup: SetupView, user = ADMIN): Promise<void> {
    if (!setup.signIn) throw new Error(`setup ${setup.id} shows no sign-in code (state ${setup.state})`);
    const result = await approveDeviceCode({
      verificationUri: setup.signIn.verificationUri,
      userCode: setup.signIn.userCode,
      userPrincipalName: user.upn,
      password: user.password,
      fetch: this.fetch,
    });
    if (result.outcome !== 'approved') throw new Error(`device code not approved: ${JSON.stringify(result)}`);
  }

  async waitForSetup(alias: string, states: SetupState[], timeoutMs = 45_000): Promise<SetupView> {
    return waitFor(
      `setup of ${alias} to be ${states.join(' or ')}`,
      async () => {
        // Generous: the test runs every service in one process on a busy machine.
        const view = await this.rpc.send(Subjects.GetSetup, { instanceAlias: alias }, { timeoutMs: 20_000 });
        return states.includes(view.state) ? view : undefined;
      },
      timeoutMs,
    );
  }

  /** Automatic setup from start to end, the administrator approving the sign-in. */
  async automaticSetup(
    alias: string,
    request: Omit<StartAutomaticSetupRequest, 'instanceAlias'> = {},
  ): Promise<SetupView> {
    const started = await this.startAutomatic({ instanceAlias: alias, ...request });
    await this.approve(started);
    return this.waitForSetup(alias, ['succeeded', 'failed']);
  }

  startAutomatic(request: StartAutomaticSetupRequest): Promise<SetupView> {
    return this.rpc.send(Subjects.StartAutomaticSetup, request, { timeoutMs: 30_000 });
  }

  /** Adds the hosting provider's tenant, with its multi-tenant app for consent links, to the emulator. */
  loadProviderTenant(): void {
    const graphSp = (tenant: string) =>
      this.emulator.store.tenant(tenant)?.apps.servicePrincipalByAppId(GRAPH_APP_ID)?.id ?? '';
    // The provider tenant's Graph service principal exists once the tenant does: load, read its id, load again.
    this.emulator.store.load({ tenants: [providerTenantFixture(graphSp(CUSTOMER_TENANT))] });
    this.emulator.store.load({ tenants: [providerTenantFixture(graphSp(PROVIDER_TENANT))] });
  }

  /** Uploads a certificate (DER) to an app registration, as an administrator does in the Azure portal. */
  uploadCertificate(tenantId: string, appId: string, der: Buffer, keyId = randomUUID()): string {
    const app = this.emulator.store.tenant(tenantId)?.applicationByAppId(appId);
    if (!app) throw new Error(`no app ${appId} in tenant ${tenantId}`);
    app.keyCredentials = [
      ...(app.keyCredentials ?? []),
      {
        keyId,
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        key: der.toString('base64'),
        startDateTime: new Date(Date.now() - 60_000).toISOString(),
        endDateTime: new Date(Date.now() + 86_400_000).toISOString(),
      },
    ];
    return keyId;
  }

  /** Removes one certificate from an app registration (the old one, after a rotation). */
  removeCertificate(tenantId: string, appId: string, keyId: string): void {
    const app = this.emulator.store.tenant(tenantId)?.applicationByAppId(appId);
    if (app) app.keyCredentials = (app.keyCredentials ?? []).filter((key) => key.keyId !== keyId);
  }

  /** Starts directory sync reading the customer's directory from the emulator's Graph, with quick retries. */
  async startDirectorySync(): Promise<void> {
    this.platform.serviceEnv['directory-sync'] = {
      GRAPH_BASE_URL: this.emulator.url,
      GRAPH_CA_FILE: this.emulator.caCertPath,
      GRAPH_MAX_RETRIES: '3',
      GRAPH_MAX_BACKOFF_MS: '200',
    };
    await this.platform.start('directory-sync');
  }

  /** Restarts the provisioning service with more settings (the provider credential, once it exists). */
  async restartProvisioning(env: Record<string, string>): Promise<void> {
    await this.platform.stop('provisioning');
    this.platform.serviceEnv.provisioning = { ...this.platform.serviceEnv.provisioning, ...env };
    await this.platform.start('provisioning');
  }

  /**
   * The customer's administrator opens the consent link: signs in on Microsoft's page, accepts (or
   * cancels) the permissions, and the browser is sent back; answers where it was sent.
   */
  async consentAsAdmin(
    consentUrl: string,
    user = ADMIN,
    decision: 'accept' | 'cancel' = 'accept',
  ): Promise<URL> {
    const post = (path: string, form: Record<string, string>) =>
      this.fetch(new URL(path, consentUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
        redirect: 'manual',
      });
    const signIn = await (await this.fetch(consentUrl, { redirect: 'manual' })).text();
    const consent = await (
      await post(formAction(signIn), {
        ...hiddenFields(signIn),
        login: user.upn,
        passwd: user.password,
        action: 'signin',
      })
    ).text();
    const back = await post(formAction(consent), { ...hiddenFields(consent), decision });
    const location = back.headers.get('location');
    if (!location) throw new Error(`the consent did not redirect (${back.status}): ${consent.slice(0, 300)}`);
    return new URL(location);
  }

  /** Every event of one type in the namespace's stream so far, as published (read message by message). */
  async events<Data extends object>(event: EventSubject<Data>): Promise<EventEnvelope<Data>[]> {
    const stream = eventStreamName({ namespace: this.platform.ns.namespace });
    const subject = eventWireSubject({ namespace: this.platform.ns.namespace }, event.name);
    const jsm = await this.caller.nats.jetstreamManager();
    const { state } = await jsm.streams.info(stream);
    const found: EventEnvelope<Data>[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
      if (message?.subject === subject) found.push(message.json<EventEnvelope<Data>>());
    }
    return found;
  }

  async close(): Promise<void> {
    await this.caller.close();
    await this.platform.close();
    await this.emulator.close();
  }
}

function hiddenFields(html: string): Record<string, string> {
  return Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [
      match[1],
      match[2],
    ]),
  );
}

function formAction(html: string): string {
  const action = /<form method="post"[^>]* action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form on the page: ${html.slice(0, 300)}`);
  return action.replace(/&#(\d+);/g, (_all, code: string) => String.fromCharCode(Number(code)));
}
