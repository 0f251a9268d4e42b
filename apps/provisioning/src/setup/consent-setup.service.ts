import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Subjects,
  effectiveSetupOptions,
  type CompleteConsentRequest,
  type PlainProblem,
  type SetupView,
  type StartConsentSetupRequest,
} from '@archive365/contracts';
import { RpcCallError, RpcClient } from '@archive365/messaging';
import { PROVISIONING_CONFIG, type ProvisioningConfig } from '../app/provisioning.config';
import { ProvisioningError, ProvisioningErrorCode } from '../errors/provisioning.error';
import { GRAPH_DEFAULT_SCOPE } from '../graph/graph-session';
import { GraphSessions } from '../graph/graph-sessions';
import {
  MICROSOFT_GRAPH_APP_ID,
  entraGranted,
  redirectUriOf,
  requiredPermissions,
} from '../graph/permissions';
import { explainAadsts } from '../graph/plain-words';
import type { Setup } from '../persistence/setup.entity';
import { SetupsRepository, type StepOutcome } from '../persistence/setups.repository';
import { CredentialsClient } from '../platform/credentials.client';
import { explainStepFailure } from './explain-step-failure';
import { ensureProviderRedirectUris, findProviderApp } from './provider-app';
import { chooseProviderCredential } from './provider-credential';
import {
  ensureAddInApi,
  ensureIdTokens,
  ensureRequiredResourceAccess,
  resolveResources,
  unresolvable,
} from './registration-steps';
import { SetupCoordinator } from './setup-coordinator';
import { SetupEvents } from './setup-events';
import { resolveTenantId, rolesOfToken } from '../graph/tenant-resolution';

const CONSENT_STEPS = [
  { name: 'provider-app', title: "The provider's multi-tenant app: redirect URIs and permissions" },
  { name: 'consent-link', title: "The customer's administrator opens the consent link" },
  { name: 'admin-consent', title: "Admin consent came back from the instance's tenant" },
  {
    name: 'verify',
    title: "The service principal in the customer's tenant holds exactly the required roles",
  },
];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The consent link: the provider runs one multi-tenant app (its credential belongs to no instance);
 * per instance the customer's administrator consents once, and the service checks what came back.
 */
@Injectable()
export class ConsentSetupService {
  private readonly logger = new Logger(ConsentSetupService.name);

  constructor(
    @Inject(PROVISIONING_CONFIG) private readonly config: ProvisioningConfig,
    private readonly setups: SetupsRepository,
    private readonly coordinator: SetupCoordinator,
    private readonly credentials: CredentialsClient,
    private readonly graphs: GraphSessions,
    private readonly events: SetupEvents,
    private readonly rpc: RpcClient,
  ) {}

  async start(request: StartConsentSetupRequest): Promise<SetupView> {
    const consentRedirectUri = this.consentRedirectUri();
    const instance = await this.credentials.instance(request.instanceAlias);
    const tenantId = await resolveTenantId(
      this.graphs.trust,
      this.config.ENTRA_AUTHORITY_HOST,
      request.tenantId,
    );
    if (!tenantId) {
      throw new ProvisioningError(
        ProvisioningErrorCode.StateConflict,
        `Microsoft Entra ID does not know the tenant "${request.tenantId}"`,
        {
          field: 'tenantId',
          hint: "give the customer's Directory (tenant) ID or one of its verified domains",
        },
      );
    }
    const provider = await chooseProviderCredential(this.config.PROVIDER_CREDENTIAL_ID, this.credentials);
    await this.coordinator.claim(instance.alias);
    try {
      const options = effectiveSetupOptions(request.options);
      const setup = await this.setups.begin(
        {
          id: randomUUID(),
          instanceAlias: instance.alias,
          mode: 'consent-link',
          state: 'running',
          options,
          credentialId: provider.id,
          tenantId,
          clientId: provider.clientId,
        },
        CONSENT_STEPS,
      );
      const graph = this.graphs.asApp(provider.id);
      const outcome = await this.configureProviderApp(
        graph,
        provider.clientId,
        [redirectUriOf(instance.publicBaseUrl, instance.alias), consentRedirectUri],
        options,
      ).catch((error: unknown): StepOutcome => {
        this.logger.warn({ err: error, setupId: setup.id }, 'Provider app step failed');
        return {
          state: 'failed',
          changed: false,
          problem: explainStepFailure('provider-app', error, { clientId: provider.clientId }),
        };
      });
      await this.setups.recordStep(setup.id, 'provider-app', outcome);
      if (outcome.state === 'failed') {
        await this.finish(setup, 'failed', outcome.problem);
        return this.view(setup.id);
      }
      // `state` ties the return to this setup: random, single use, kept only as a hash for the lookup.
      const state = randomBytes(32).toString('base64url');
      const consentUrl = new URL(
        `${this.config.ENTRA_AUTHORITY_HOST.replace(/\/+$/, '')}/${tenantId}/v2.0/adminconsent`,
      );
      consentUrl.search = new URLSearchParams({
        client_id: provider.clientId,
        scope: GRAPH_DEFAULT_SCOPE,
        redirect_uri: consentRedirectUri,
        state,
      }).toString();
      await this.setups.waitForConsent(setup.id, sha256(state), consentUrl.toString());
      await this.setups.recordStep(setup.id, 'consent-link', {
        state: 'done',
        changed: false,
        detail: `link issued for tenant ${tenantId}`,
      });
      await this.events.progress(setup, 'waiting-for-consent');
      return this.view(setup.id);
    } finally {
      await this.coordinator.release(instance.alias);
    }
  }

  /** Microsoft's return: the state must be known and unused, the tenant the instance's, the roles right. */
  async complete(request: CompleteConsentRequest): Promise<SetupView> {
    const setup = await this.setups.byConsentStateHash(sha256(request.state));
    if (!setup || !(await this.setups.useConsentState(setup.id, sha256(request.state)))) {
      throw new ProvisioningError(
        ProvisioningErrorCode.StateConflict,
        'this consent link is unknown, was already used, or was replaced',
        {
          field: 'state',
          hint: 'open the setup of the instance and use its current consent link',
        },
      );
    }
    const problem = await this.checkReturn(setup, request);
    await this.setups.recordStep(
      setup.id,
      'admin-consent',
      problem
        ? { state: 'failed', changed: false, problem }
        : { state: 'done', changed: false, detail: `consented in tenant ${request.tenant ?? ''}` },
    );
    if (problem) {
      await this.finish(setup, 'failed', problem);
      return this.view(setup.id);
    }
    const verified = await this.verifyRoles(setup);
    await this.setups.recordStep(setup.id, 'verify', verified);
    await this.finish(setup, verified.state === 'done' ? 'succeeded' : 'failed', verified.problem);
    return this.view(setup.id);
  }

  private async configureProviderApp(
    graph: ReturnType<GraphSessions['asApp']>,
    clientId: string,
    redirectUris: string[],
    options: Setup['options'],
  ): Promise<StepOutcome> {
    const app = await findProviderApp(graph, clientId);
    if (!app) {
      return {
        state: 'failed',
        changed: false,
        problem: {
          code: 'PROVIDER_APP_NOT_FOUND',
          message: `The provider credential's client id ${clientId} names no app registration this service can read in the provider's tenant.`,
          fix: 'Check the client id of the provider credential and that the provider app may manage itself (Application.ReadWrite.OwnedBy, with its service principal as owner).',
        },
      };
    }
    if (app.signInAudience === 'AzureADMyOrg') {
      return {
        state: 'failed',
        changed: false,
        problem: {
          code: 'PROVIDER_APP_SINGLE_TENANT',
          message: 'The provider app accepts only its own tenant, so customers cannot consent to it.',
          fix: 'Set "Supported account types" of the provider app to "Accounts in any organizational directory" (AzureADMultipleOrgs).',
        },
      };
    }
    const redirects = await ensureProviderRedirectUris(graph, app, redirectUris);
    if (redirects.state === 'failed') return redirects;
    // Users of a consent-link instance sign in with the provider's app: the id_token flow needs it too.
    const idTokens = await ensureIdTokens(graph, app, options);
    const permissions = entraGranted(requiredPermissions(options));
    const resources = await resolveResources(graph, permissions);
    const missing = unresolvable(permissions, resources);
    if (missing.length > 0) {
      return {
        state: 'failed',
        changed: redirects.changed,
        problem: {
          code: 'PERMISSION_UNKNOWN',
          message: `The provider's tenant does not offer ${missing.join(', ')}.`,
          fix: 'Choose other options.',
        },
      };
    }
    const access = await ensureRequiredResourceAccess(graph, app, permissions, resources);
    // The add-in's API lives on the provider's app too: users of a consent-link instance sign in with it.
    const addIn = options.addInOrigin
      ? await ensureAddInApi(graph, app, options, randomUUID)
      : { changed: false, writes: 0, detail: undefined };
    return {
      state: 'done',
      changed: redirects.changed || idTokens.changed || access.changed || addIn.changed,
      writes: [redirects, idTokens, access, addIn].reduce((sum, step) => sum + (step.writes ?? 0), 0),
      detail: [redirects, idTokens, access, addIn]
        .map((step) => step.detail)
        .filter(Boolean)
        .join('; '),
    };
  }

  private async checkReturn(
    setup: Setup,
    request: CompleteConsentRequest,
  ): Promise<PlainProblem | undefined> {
    if (request.error) {
      const aadsts = /AADSTS\d+/.exec(request.errorDescription ?? '')?.[0];
      if (aadsts === 'AADSTS65004') {
        return {
          code: aadsts,
          message: "The customer's administrator cancelled the consent.",
          fix: 'Start the consent setup again and accept the permissions.',
        };
      }
      if (aadsts === 'AADSTS90094') {
        return {
          code: aadsts,
          message: 'The account that opened the link may not grant consent for the organization.',
          fix: "Open the link as a Global Administrator, Privileged Role Administrator or Cloud Application Administrator of the customer's tenant.",
        };
      }
      return explainAadsts(aadsts ?? request.error, request.errorDescription ?? request.error, {
        tenantId: setup.tenantId ?? undefined,
      });
    }
    if (request.adminConsent?.toLowerCase() !== 'true') {
      return {
        code: 'CONSENT_NOT_GIVEN',
        message: 'Microsoft returned without admin consent.',
        fix: 'Start the consent setup again.',
      };
    }
    if (request.tenant?.toLowerCase() !== setup.tenantId?.toLowerCase()) {
      return {
        code: 'TENANT_MISMATCH',
        message: `The consent came from tenant ${request.tenant ?? '(none)'}, but instance "${setup.instanceAlias}" belongs to tenant ${setup.tenantId ?? ''}: the administrator signed in to the wrong organization.`,
        fix: "Start the consent setup again and sign in with an administrator of the instance's own tenant.",
      };
    }
    return undefined;
  }

  /** A token of the provider app in the customer's tenant: its `roles` are exactly what was consented. */
  private async verifyRoles(setup: Setup): Promise<StepOutcome> {
    const wanted = entraGranted(requiredPermissions(setup.options))
      .filter((permission) => permission.resourceAppId === MICROSOFT_GRAPH_APP_ID)
      .map((permission) => permission.value);
    const deadline = Date.now() + this.config.PROPAGATION_WAIT_MS;
    for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
      let problem: PlainProblem;
      try {
        const token = await this.rpc.send(
          Subjects.AcquireGraphToken,
          { credentialId: setup.credentialId ?? '', tenantId: setup.tenantId ?? '' },
          { timeoutMs: 30_000 },
        );
        const roles = rolesOfToken(token.accessToken);
        const missing = wanted.filter((role) => !roles.includes(role));
        const extra = roles.filter((role) => !wanted.includes(role));
        if (missing.length === 0 && extra.length === 0) {
          return { state: 'done', changed: false, detail: `service principal holds ${roles.join(', ')}` };
        }
        problem = {
          code: missing.length > 0 ? 'ROLES_MISSING' : 'ROLES_EXTRA',
          message:
            [
              missing.length > 0 ? `missing ${missing.join(', ')}` : '',
              extra.length > 0 ? `more than needed: ${extra.join(', ')}` : '',
            ]
              .filter(Boolean)
              .join('; ') + ` (the service principal in tenant ${setup.tenantId ?? ''}).`,
          fix:
            missing.length > 0
              ? "Open the consent link again: the consent covers the provider app's current permissions."
              : `Revoke ${extra.join(', ')} under Enterprise applications > the app > Permissions in the customer's tenant.`,
        };
      } catch (error) {
        if (!(error instanceof RpcCallError)) throw error;
        problem = error.body.reason?.startsWith('AADSTS')
          ? explainAadsts(error.body.reason, error.body.message, {
              tenantId: setup.tenantId ?? undefined,
              clientId: setup.clientId ?? undefined,
            })
          : { code: error.body.code, message: error.body.message, fix: error.body.hint ?? 'Try again.' };
      }
      if (Date.now() + delay > deadline) return { state: 'failed', changed: false, problem };
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  private consentRedirectUri(): string {
    if (!this.config.CONSENT_REDIRECT_URI) {
      throw new ProvisioningError(
        ProvisioningErrorCode.NotConfigured,
        'consent links need the page Microsoft sends the administrator back to',
        {
          hint: "set CONSENT_REDIRECT_URI of the provisioning service (the admin API's consent return page, https://<admin host>/api/setup/consent/callback)",
        },
      );
    }
    return this.config.CONSENT_REDIRECT_URI;
  }

  private async finish(setup: Setup, state: 'succeeded' | 'failed', problem?: PlainProblem): Promise<void> {
    await this.setups.finish(setup.id, state, problem);
    const finished = (await this.setups.byId(setup.id)) ?? setup;
    await this.events.progress(finished, state, undefined, problem?.code);
  }

  private async view(id: string): Promise<SetupView> {
    const setup = await this.setups.byId(id);
    if (!setup) throw new ProvisioningError(ProvisioningErrorCode.SetupNotFound, `setup ${id} disappeared`);
    return this.setups.view(setup);
  }
}
