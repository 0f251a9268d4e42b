import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  effectiveSetupOptions,
  type CredentialView,
  type InstanceView,
  type PlainProblem,
  type SetupView,
  type StartAutomaticSetupRequest,
} from '@archive365/contracts';
import { PROVISIONING_CONFIG, type ProvisioningConfig } from '../app/provisioning.config';
import { ProvisioningError, ProvisioningErrorCode } from '../errors/provisioning.error';
import { GraphSessions } from '../graph/graph-sessions';
import type { GraphSession } from '../graph/graph-session';
import {
  MICROSOFT_GRAPH_APP_ID,
  entraGranted,
  redirectUriOf,
  requiredPermissions,
} from '../graph/permissions';
import { CredentialsClient, NO_CLIENT_ID } from '../platform/credentials.client';
import { LeasesRepository } from '../persistence/leases.repository';
import { RegisteredKeysRepository } from '../persistence/registered-keys.repository';
import type { Setup } from '../persistence/setup.entity';
import { SetupsRepository, type StepOutcome, type StepPlan } from '../persistence/setups.repository';
import {
  ADMIN_SCOPES,
  explainSignInFailure,
  startDeviceCodeSignIn,
  tenantOfToken,
  type DeviceCodeSignIn,
} from './device-code-sign-in';
import { explainStepFailure } from './explain-step-failure';
import {
  ensureAddInApi,
  ensureAdminConsent,
  ensureApplication,
  ensureCertificate,
  ensureIdTokens,
  ensureRedirectUri,
  ensureRequiredResourceAccess,
  ensureServicePrincipal,
  resolveResources,
  unresolvable,
  type RegistrationTarget,
} from './registration-steps';
import { SetupCoordinator, setupLease } from './setup-coordinator';
import { SetupEvents } from './setup-events';
import { waitForWorkingToken } from './verify-token';

export const AUTOMATIC_STEPS: StepPlan[] = [
  { name: 'sign-in', title: "The customer's administrator signs in (device code)" },
  { name: 'application', title: 'App registration' },
  { name: 'certificate', title: 'Certificate (public part) on the app registration' },
  { name: 'redirect-uri', title: 'Web redirect URI' },
  { name: 'id-tokens', title: 'ID token issuance' },
  { name: 'permissions', title: 'Required permissions (least privilege)' },
  { name: 'add-in-api', title: 'API for the Outlook add-in (nested app authentication)' },
  { name: 'service-principal', title: 'Service principal in the tenant' },
  { name: 'admin-consent', title: 'Admin consent (app role assignments)' },
  { name: 'credential', title: 'Client and tenant IDs on the credential' },
  { name: 'verify', title: 'A token with the certificate carries the permissions' },
  { name: 'exchange-scope', title: 'Mailbox access scoped in Exchange (RBAC for Applications)' },
];

/** Raised inside a run to stop at a step with its problem already recorded. */
class StepFailed extends Error {
  constructor(readonly problem: PlainProblem) {
    super(problem.message);
  }
}

/**
 * The automatic per-tenant app: one device code sign-in of the customer's administrator, then every
 * part of the app registration checked and, only where it differs, written through Graph.
 */
@Injectable()
export class AutomaticSetupService implements OnApplicationShutdown {
  private readonly logger = new Logger(AutomaticSetupService.name);
  /** Runs in this process, so a shutdown can stop their sign-ins and wait for them. */
  private readonly running = new Map<string, { signIn: DeviceCodeSignIn; done: Promise<void> }>();
  private stopping = false;

  constructor(
    @Inject(PROVISIONING_CONFIG) private readonly config: ProvisioningConfig,
    private readonly setups: SetupsRepository,
    private readonly coordinator: SetupCoordinator,
    private readonly leases: LeasesRepository,
    private readonly credentials: CredentialsClient,
    private readonly graphs: GraphSessions,
    private readonly events: SetupEvents,
    private readonly keys: RegisteredKeysRepository,
  ) {}

  async start(request: StartAutomaticSetupRequest): Promise<SetupView> {
    const instance = await this.credentials.instance(request.instanceAlias);
    const credential = request.credentialId
      ? await this.credentials.credential(request.credentialId)
      : undefined;
    if (credential && credential.instanceAlias !== instance.alias) {
      throw new ProvisioningError(
        ProvisioningErrorCode.StateConflict,
        `credential ${credential.id} belongs to instance "${credential.instanceAlias}", not "${instance.alias}"`,
        { field: 'credentialId', hint: 'use a credential of this instance, or omit it to create one' },
      );
    }
    await this.coordinator.claim(instance.alias);
    let setup: Setup;
    let signIn: DeviceCodeSignIn;
    try {
      setup = await this.setups.begin(
        {
          id: randomUUID(),
          instanceAlias: instance.alias,
          mode: 'automatic',
          state: 'running',
          options: effectiveSetupOptions(request.options),
          ...(credential ? { credentialId: credential.id } : {}),
        },
        AUTOMATIC_STEPS,
      );
      signIn = startDeviceCodeSignIn(
        this.config,
        this.graphs.trust,
        request.tenantId ?? credential?.tenantId ?? 'organizations',
      );
    } catch (error) {
      await this.coordinator.release(instance.alias);
      throw error;
    }
    // The rest runs after this reply, holding the instance's lease; the console follows GetSetup or events.
    const prompted = signIn.prompt.then(
      async (prompt) => {
        await this.setups.waitForSignIn(setup.id, prompt);
        await this.events.progress(setup, 'waiting-for-sign-in');
      },
      () => undefined,
    );
    const done = this.leases
      .keep(setupLease(instance.alias), this.config.LEASE_TTL_MS, (lost) =>
        this.run(setup, instance, credential, signIn, prompted, lost),
      )
      .catch((error: unknown) => this.logger.error({ err: error, setupId: setup.id }, 'Setup run failed'))
      .finally(() => this.running.delete(setup.id));
    this.running.set(setup.id, { signIn, done });
    await Promise.race([prompted, signIn.token.catch(() => undefined)]);
    return this.setups.view((await this.setups.byId(setup.id)) ?? setup);
  }

  /**
   * Stops sign-ins in progress. Their setups stay `running` with no lease: the next look at them says
   * "interrupted" and what to do, since the administrator's token lives in this process only.
   */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const runs = [...this.running.values()];
    for (const { signIn } of runs) signIn.cancel();
    await Promise.allSettled(runs.map(({ done }) => done));
  }

  private async run(
    setup: Setup,
    instance: InstanceView,
    knownCredential: CredentialView | undefined,
    signIn: DeviceCodeSignIn,
    prompted: Promise<void>,
    lost: AbortSignal,
  ): Promise<void> {
    lost.addEventListener('abort', () => signIn.cancel());
    try {
      let tenantId: string;
      try {
        const token = await signIn.token;
        await prompted;
        tenantId = tenantOfToken(token.token) ?? '';
      } catch (error) {
        throw new StepFailed(explainSignInFailure(error));
      }
      await this.setups.markRunning(setup.id);
      await this.setups.learn(setup.id, { tenantId });
      await this.step(setup, 'sign-in', async () => ({
        state: 'done',
        changed: false,
        detail: `signed in to tenant ${tenantId}`,
      }));
      const graph = this.graphs.delegated(signIn.credential, ADMIN_SCOPES);
      await this.configure(setup, instance, knownCredential, tenantId, graph, lost);
      await this.finish(setup, 'succeeded');
    } catch (error) {
      if (this.stopping) return;
      const problem =
        error instanceof StepFailed
          ? error.problem
          : explainStepFailure('setup', error, { tenantId: setup.tenantId ?? undefined });
      if (!(error instanceof StepFailed))
        this.logger.error({ err: error, setupId: setup.id }, 'Setup failed');
      await this.finish(setup, 'failed', problem);
    }
  }

  private async configure(
    setup: Setup,
    instance: InstanceView,
    knownCredential: CredentialView | undefined,
    tenantId: string,
    graph: GraphSession,
    lost: AbortSignal,
  ): Promise<void> {
    const credential =
      knownCredential ??
      (await this.credentials.create(
        instance.alias,
        `Microsoft 365 (${this.config.APP_DISPLAY_NAME})`,
        tenantId,
      ));
    await this.setups.learn(setup.id, { credentialId: credential.id });
    const certificate = await this.credentials.publicCertificate(credential.id);
    const previous = await this.setups.lastApplicationOf(credential.id);
    const target: RegistrationTarget = {
      alias: instance.alias,
      displayName: `${this.config.APP_DISPLAY_NAME} (${instance.alias})`,
      marker: `archive365:${instance.id}`,
      redirectUri: redirectUriOf(instance.publicBaseUrl, instance.alias),
      options: setup.options,
      certificateDerBase64: certificate.contentBase64,
      thumbprintSha1: certificate.thumbprintSha1,
      ...(credential.clientId !== NO_CLIENT_ID ? { knownClientId: credential.clientId } : {}),
      ...(previous?.applicationObjectId ? { knownObjectId: previous.applicationObjectId } : {}),
    };
    const context = { tenantId, thumbprintSha1: certificate.thumbprintSha1, redirectUri: target.redirectUri };
    const guard = () => {
      if (lost.aborted)
        throw new StepFailed({
          code: 'LEASE_LOST',
          message:
            'This replica lost the setup lease (database unreachable); it stopped to avoid two writers.',
          fix: 'Start the setup again.',
        });
    };

    const app = await this.step(setup, 'application', () => ensureApplication(graph, target), context);
    await this.setups.learn(setup.id, { applicationObjectId: app.id, clientId: app.appId });
    const appContext = { ...context, clientId: app.appId };
    guard();
    const keyId = await this.step(
      setup,
      'certificate',
      () => ensureCertificate(graph, app, target),
      appContext,
    );
    if (keyId) await this.keys.remember(credential.id, certificate.thumbprintSha1, app.id, keyId);
    await this.step(setup, 'redirect-uri', () => ensureRedirectUri(graph, app, target), appContext);
    // Re-read: the redirect URI step may have changed `web`, which the ID token step writes too.
    const fresh = {
      ...app,
      web: (await graph.get<typeof app>(`/applications/${app.id}`, { select: ['web'] })).web,
    };
    await this.step(setup, 'id-tokens', () => ensureIdTokens(graph, fresh, target.options), appContext);
    guard();
    // Scoped mail permissions are granted in Exchange, never consented tenant-wide in Entra ID.
    const permissions = entraGranted(requiredPermissions(setup.options));
    const resources = await resolveResources(graph, permissions);
    const missing = unresolvable(permissions, resources);
    if (missing.length > 0) {
      await this.failStep(setup, 'permissions', {
        code: 'PERMISSION_UNKNOWN',
        message: `The tenant does not offer ${missing.join(', ')} (no such API or app role in it).`,
        fix: 'Choose options the tenant supports (for example no legacy EWS in a tenant without Exchange Online), then start again.',
      });
    }
    await this.step(
      setup,
      'permissions',
      () => ensureRequiredResourceAccess(graph, app, permissions, resources),
      appContext,
    );
    await this.step(
      setup,
      'add-in-api',
      () => ensureAddInApi(graph, app, target.options, randomUUID),
      appContext,
    );
    guard();
    const servicePrincipalId = await this.step(
      setup,
      'service-principal',
      () => ensureServicePrincipal(graph, app),
      appContext,
    );
    await this.step(
      setup,
      'admin-consent',
      () => ensureAdminConsent(graph, servicePrincipalId, permissions, resources),
      appContext,
    );
    await this.step(
      setup,
      'credential',
      async () => {
        if (credential.clientId === app.appId && credential.tenantId === tenantId) {
          return { state: 'done', changed: false, detail: `client ${app.appId}, tenant ${tenantId}` };
        }
        await this.credentials.writeIds(credential.id, app.appId, tenantId);
        return {
          state: 'done',
          changed: true,
          detail: `wrote client ${app.appId} and tenant ${tenantId} to the credential`,
        };
      },
      appContext,
    );
    await this.step(
      setup,
      'verify',
      () =>
        waitForWorkingToken(
          this.credentials,
          credential.id,
          // A Graph token carries Graph's roles; Exchange's (legacy EWS) is checked by the doctor.
          permissions.filter((permission) => permission.resourceAppId === MICROSOFT_GRAPH_APP_ID),
          this.config.PROPAGATION_WAIT_MS,
          lost,
        ),
      appContext,
    );
    await this.step(setup, 'exchange-scope', async () =>
      setup.options.mailAccess === 'none'
        ? { state: 'skipped', changed: false, detail: 'the instance reads no mailboxes' }
        : {
            state: 'skipped',
            changed: false,
            detail:
              "Microsoft Graph cannot assign Exchange roles: an Exchange administrator runs the guide's PowerShell",
            problem: {
              code: 'EXCHANGE_SCOPE_BY_POWERSHELL',
              message:
                'Mailbox access is granted in Exchange Online ("RBAC for Applications"), scoped to the archived mailboxes; Microsoft Graph cannot assign it.',
              fix: "Run the Exchange PowerShell of this instance's guide (New-ManagementScope, New-ManagementRoleAssignment -App), then run the checks with an archived and an outside mailbox.",
            },
          },
    );
  }

  /** Runs one step and records it; a failure is recorded with its plain-words problem and ends the run. */
  private async step<T>(
    setup: Setup,
    name: string,
    work: () => Promise<StepOutcome | { outcome: StepOutcome; value: T }>,
    context: Parameters<typeof explainStepFailure>[2] = {},
  ): Promise<T> {
    let result: StepOutcome | { outcome: StepOutcome; value: T };
    try {
      result = await work();
    } catch (error) {
      if (error instanceof StepFailed) return this.failStep(setup, name, error.problem);
      this.logger.warn({ err: error, setupId: setup.id, step: name }, 'Setup step failed');
      return this.failStep(setup, name, explainStepFailure(name, error, context));
    }
    const outcome = 'outcome' in result ? result.outcome : result;
    await this.setups.recordStep(setup.id, name, outcome);
    setup.graphWrites += outcome.writes ?? 0;
    await this.events.progress(setup, 'running', name);
    if (outcome.state === 'failed' && outcome.problem) throw new StepFailed(outcome.problem);
    return ('outcome' in result ? result.value : undefined) as T;
  }

  private async failStep(setup: Setup, name: string, problem: PlainProblem): Promise<never> {
    await this.setups.recordStep(setup.id, name, { state: 'failed', changed: false, problem });
    throw new StepFailed(problem);
  }

  private async finish(setup: Setup, state: 'succeeded' | 'failed', problem?: PlainProblem): Promise<void> {
    await this.setups.finish(setup.id, state, problem);
    const finished = (await this.setups.byId(setup.id)) ?? setup;
    await this.events.progress(finished, state, undefined, problem?.code);
  }
}
