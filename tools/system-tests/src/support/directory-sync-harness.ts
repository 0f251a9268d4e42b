import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ArchiveUsersChangedEvent,
  Events,
  Subjects,
  type ArchiveUserView,
  type EventEnvelope,
  type PlanAction,
  type SyncRunKind,
  type SyncRunView,
  type UpdateSyncConfigurationRequest,
} from '@archive365/contracts';
import { startEmulator, trustEmulatorCaInProcess, type RunningEmulator } from '@archive365/entra-emulator';
import { eventStreamName, eventWireSubject, validatePayload } from '@archive365/messaging';
import { connectTestRpc, waitFor, type TestRpc } from '@archive365/testing';
import { AckPolicy, DeliverPolicy } from 'nats';
import { TestPlatform } from './platform';

export const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
export const EXCHANGE_PLAN_1 = '4b9405b0-7788-4568-add1-99614e613b69';
export const POWER_BI = 'a403ebcc-fae0-4ca2-8c8c-7a907fd6c235';

export interface NewUser {
  nickname: string;
  displayName?: string;
  givenName?: string | null;
  surname?: string | null;
  licenseSkuIds?: string[];
  accountEnabled?: boolean;
  userType?: 'Member' | 'Guest';
  mail?: string | null;
  proxyAddresses?: string[];
}

/**
 * A customer tenant in the Entra emulator, the credentials and directory-sync services on real NATS and
 * PostgreSQL, and an instance whose directory sync reads the tenant with a consented app's certificate.
 */
export class DirectorySyncHarness {
  readonly platform = TestPlatform.create();
  emulator!: RunningEmulator;
  caller!: TestRpc;
  tenantId!: string;
  domain!: string;

  constructor(
    readonly alias: string,
    private readonly serviceEnv: Record<string, string> = {},
    /** The application permissions consented for the archive's app (Place.Read.All: rooms told apart). */
    private readonly graphRoles: string[] = ['Directory.Read.All', 'Place.Read.All'],
  ) {}

  async start(): Promise<this> {
    this.emulator = await startEmulator({ stateDir: mkdtempSync(join(tmpdir(), 'ds-emulator-')) });
    trustEmulatorCaInProcess(this.emulator.caCertPem);
    // No generated people: every user of a test is created by the test.
    const seeded = await this.control<{ value: { id: string; domains: string[] }[] }>('POST', '/tenants', {
      generate: { users: 0, seed: this.alias, domain: `${this.alias}.example` },
    });
    this.tenantId = seeded.value[0].id;
    this.domain = `${this.alias}.example`;
    for (const user of await this.directoryUsers())
      await this.control('DELETE', `/tenants/${this.tenantId}/users/${user}`);
    const app = await this.control<{ appId: string; applicationId: string }>(
      'POST',
      `/tenants/${this.tenantId}/apps`,
      {
        displayName: 'Email Archive',
        clientSecret: 'not-used-by-the-archive-0000',
        graphRoles: this.graphRoles,
      },
    );
    this.platform.serviceEnv.credentials = {
      ...this.platform.serviceEnv.credentials,
      ENTRA_AUTHORITY_HOST: this.emulator.url,
      ENTRA_CA_FILE: this.emulator.caCertPath,
    };
    this.platform.serviceEnv['directory-sync'] = {
      GRAPH_BASE_URL: this.emulator.url,
      GRAPH_CA_FILE: this.emulator.caCertPath,
      GRAPH_MAX_RETRIES: '3',
      GRAPH_MAX_BACKOFF_MS: '200',
      SYNC_LEASE_MS: '5000',
      SYNC_SCHEDULER_TICK_MS: '1000',
      ...this.serviceEnv,
    };
    await this.platform.start('credentials');
    await this.platform.start('directory-sync');
    this.caller = await connectTestRpc(this.platform.ns.natsUrl, this.platform.ns.namespace);
    await this.caller.rpc.send(Subjects.CreateInstance, {
      alias: this.alias,
      displayName: this.alias,
      publicBaseUrl: 'https://archive.example.net',
    });
    await waitFor('the sync profile', async () =>
      this.caller.rpc
        .send(Subjects.GetSyncConfiguration, { instanceAlias: this.alias })
        .catch(() => undefined),
    );
    const credential = await this.caller.rpc.send(
      Subjects.CreateCredential,
      {
        instanceAlias: this.alias,
        name: 'Archive',
        clientId: app.appId,
        tenantId: this.tenantId,
      },
      { timeoutMs: 60_000 },
    ); // an RSA key is generated: seconds on a busy machine
    const der = await this.caller.rpc.send(Subjects.DownloadCertificate, {
      credentialId: credential.id,
      format: 'der',
    });
    // What the administrator does in the portal: upload the certificate to the app registration.
    this.emulator.store
      .tenant(this.tenantId)
      ?.applicationByAppId(app.appId)
      ?.keyCredentials?.push({
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        key: der.contentBase64,
        keyId: '0c0c0c0c-0000-4000-8000-000000000001',
        startDateTime: new Date(Date.now() - 60_000).toISOString(),
        endDateTime: new Date(Date.now() + 365 * 86_400_000).toISOString(),
      });
    await this.caller.rpc.send(Subjects.AssignSyncCredential, {
      instanceAlias: this.alias,
      credentialId: credential.id,
    });
    return this;
  }

  async close(): Promise<void> {
    await this.caller?.close();
    await this.platform.close();
    await this.emulator?.close();
  }

  /** The emulator's control API (joiners, leavers, renames, licenses, groups, faults). */
  async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.emulator.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  async directoryUsers(): Promise<string[]> {
    return (this.emulator.store.tenant(this.tenantId)?.users.all() ?? []).map((user) => user.id);
  }

  upn(nickname: string): string {
    return `${nickname}@${this.domain}`;
  }

  async addUser(user: NewUser): Promise<string> {
    const upn = this.upn(user.nickname);
    const mailbox = user.mail === undefined ? upn : user.mail;
    const created = await this.control<{ id: string }>('POST', `/tenants/${this.tenantId}/users`, {
      displayName: user.displayName ?? user.nickname,
      userPrincipalName: upn,
      givenName: user.givenName === undefined ? user.nickname : user.givenName,
      surname: user.surname === undefined ? 'Tester' : user.surname,
      accountEnabled: user.accountEnabled ?? true,
      userType: user.userType ?? 'Member',
      usageLocation: 'US',
      mail: mailbox,
      proxyAddresses: user.proxyAddresses ?? (mailbox ? [`SMTP:${mailbox}`] : []),
      licenseSkuIds: user.licenseSkuIds ?? [],
    });
    return created.id;
  }

  async addGroup(displayName: string, memberIds: string[]): Promise<string> {
    return (
      await this.control<{ id: string }>('POST', `/tenants/${this.tenantId}/groups`, {
        displayName,
        memberIds,
      })
    ).id;
  }

  configure(settings: Omit<UpdateSyncConfigurationRequest, 'instanceAlias'>) {
    return this.caller.rpc.send(Subjects.UpdateSyncConfiguration, { instanceAlias: this.alias, ...settings });
  }

  /** Starts a run and waits until it stops moving (planned, held, succeeded, failed, rejected). */
  async sync(kind: SyncRunKind = 'full'): Promise<SyncRunView> {
    // A run shows its end state a moment before it lets go of the instance: retry a refused start briefly.
    const started = await waitFor('the run to start', () =>
      this.caller.rpc
        .send(Subjects.StartSync, { instanceAlias: this.alias, kind, requestedBy: 'test' })
        .catch((error: unknown) => {
          if ((error as { body?: { reason?: string } }).body?.reason === 'RUN_IN_PROGRESS') return undefined;
          throw error;
        }),
    );
    return this.settled(started.id);
  }

  async settled(runId: string, timeoutMs = 30_000): Promise<SyncRunView> {
    return waitFor(
      `run ${runId} to settle`,
      async () => {
        const run = await this.caller.rpc.send(Subjects.GetSyncRun, { runId });
        return ['reading', 'applying', 'publishing'].includes(run.state) ? undefined : run;
      },
      timeoutMs,
    );
  }

  async archiveUsers(state?: ArchiveUserView['state']): Promise<ArchiveUserView[]> {
    const page = await this.caller.rpc.send(Subjects.ListArchiveUsers, {
      instanceAlias: this.alias,
      limit: 1000,
      ...(state ? { state } : {}),
    });
    return page.items;
  }

  async archiveUser(nickname: string): Promise<ArchiveUserView | undefined> {
    return (await this.archiveUsers()).find((user) => user.userName === this.upn(nickname).toLowerCase());
  }

  async planItems(runId: string, action?: PlanAction) {
    return this.caller.rpc.send(Subjects.ListPlanItems, {
      runId,
      limit: 1000,
      ...(action ? { action } : {}),
    });
  }

  /** Every archive-users-changed event in the stream, read by a fresh durable consumer and validated. */
  async changeEvents(durable: string): Promise<EventEnvelope<ArchiveUsersChangedEvent>[]> {
    const jsm = await this.caller.nats.jetstreamManager();
    const stream = eventStreamName(this.platform.ns);
    await jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: eventWireSubject(this.platform.ns, Events.ArchiveUsersChanged.name),
    });
    const consumer = await this.caller.nats.jetstream().consumers.get(stream, durable);
    const received: EventEnvelope<ArchiveUsersChangedEvent>[] = [];
    for (;;) {
      const msg = await consumer.next({ expires: 1000 });
      if (!msg) break;
      const envelope = msg.json<EventEnvelope<ArchiveUsersChangedEvent>>();
      // Every event a test reads must hold to the contract its consumers validate against.
      const checked = await validatePayload(ArchiveUsersChangedEvent, envelope.data);
      if (!checked.ok) throw new Error(`event ${envelope.id} breaks the contract: ${checked.error.message}`);
      received.push(envelope);
      msg.ack();
    }
    return received;
  }
}
