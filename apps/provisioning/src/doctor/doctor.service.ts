import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Events,
  Subjects,
  effectiveSetupOptions,
  type CredentialTestReply,
  type DoctorCheckView,
  type DoctorRunView,
  type LastDoctorRunReply,
  type RunDoctorRequest,
} from '@archive365/contracts';
import { EventPublisher, RpcClient } from '@archive365/messaging';
import { PROVISIONING_CONFIG, type ProvisioningConfig } from '../app/provisioning.config';
import { ProvisioningError, ProvisioningErrorCode } from '../errors/provisioning.error';
import { GraphSessions } from '../graph/graph-sessions';
import { rolesOfToken } from '../graph/tenant-resolution';
import {
  EXCHANGE_ONLINE_APP_ID,
  MICROSOFT_GRAPH_APP_ID,
  entraGranted,
  redirectUriOf,
  requiredPermissions,
} from '../graph/permissions';
import { DoctorRunsRepository } from '../persistence/doctor-runs.repository';
import { SetupsRepository } from '../persistence/setups.repository';
import { CredentialsClient } from '../platform/credentials.client';
import { ewsCheck } from './ews-check';
import { checkTenant, identityChecks, requestToken } from './identity-checks';
import { mailboxChecks } from './mailbox-checks';
import { graphChecks, permissionChecks } from './permission-checks';
import { signInChecks } from './sign-in-checks';
import { addInChecks } from './addin-checks';

/**
 * The checklist ("Test settings"), run with the instance's own credential: each check separate, each
 * failure in plain words with its exact fix. Every run is stored.
 */
@Injectable()
export class DoctorService {
  private readonly logger = new Logger(DoctorService.name);

  constructor(
    @Inject(PROVISIONING_CONFIG) private readonly config: ProvisioningConfig,
    private readonly credentials: CredentialsClient,
    private readonly setups: SetupsRepository,
    private readonly runs: DoctorRunsRepository,
    private readonly graphs: GraphSessions,
    private readonly events: EventPublisher,
    private readonly rpc: RpcClient,
  ) {}

  async run(request: RunDoctorRequest): Promise<DoctorRunView> {
    const startedAt = new Date();
    const instance = await this.credentials.instance(request.instanceAlias);
    const lastSetup = await this.setups.latestFor(instance.alias);
    const credentialId = request.credentialId ?? lastSetup?.credentialId;
    if (!credentialId) {
      throw new ProvisioningError(
        ProvisioningErrorCode.SetupNotFound,
        `instance "${instance.alias}" has no setup that names its credential`,
        { field: 'credentialId', hint: 'give the credential to check, or set the instance up first' },
      );
    }
    const stored = await this.credentials.credential(credentialId);
    // A consent-link instance uses the provider's multi-tenant app, in the customer's tenant.
    const consentTenant =
      lastSetup?.mode === 'consent-link' && lastSetup.credentialId === stored.id ? lastSetup.tenantId : null;
    const credential = consentTenant
      ? { ...stored, tenantId: consentTenant, instanceAlias: instance.alias }
      : stored;
    if (credential.instanceAlias !== instance.alias) {
      throw new ProvisioningError(
        ProvisioningErrorCode.StateConflict,
        `credential ${credential.id} belongs to instance "${credential.instanceAlias}"`,
        { field: 'credentialId', hint: 'check a credential of this instance' },
      );
    }
    const options = request.options
      ? effectiveSetupOptions(request.options)
      : (lastSetup?.options ?? effectiveSetupOptions(undefined));
    const required = requiredPermissions(options);
    const redirectUri = redirectUriOf(instance.publicBaseUrl, instance.alias);

    const tenant = await checkTenant(
      this.graphs.trust,
      this.config.ENTRA_AUTHORITY_HOST,
      credential.tenantId,
    );
    const tenantOk = tenant.outcome === 'pass';
    const token = tenantOk
      ? await requestToken(() =>
          consentTenant ? this.tokenIn(credential.id, consentTenant) : this.credentials.test(credential.id),
        )
      : ({ ok: false, reason: 'AADSTS90002', message: tenant.detail } as const);
    const identity = identityChecks(credential, token, tenantOk, startedAt);
    const appExists = identity.find((check) => check.name === 'application')?.outcome === 'pass';
    const roles = token.ok ? token.reply.roles : undefined;
    const graph = this.graphs.asApp(credential.id, consentTenant ?? undefined);
    // Exchange Online's permission (legacy EWS) shows in an Exchange token, not in Graph's.
    const exchangeRoles =
      roles && required.some((permission) => permission.resourceAppId === EXCHANGE_ONLINE_APP_ID)
        ? await this.exchangeToken(credential.id, consentTenant).then(rolesOfToken, () => undefined)
        : undefined;
    const signIn = await signInChecks(
      this.graphs.trust,
      this.config.ENTRA_AUTHORITY_HOST,
      credential,
      redirectUri,
      options,
      appExists,
    );
    const webRedirectAccepted = signIn.some(
      (check) => check.name === 'redirect-uri' && check.outcome === 'pass',
    );
    const checks: DoctorCheckView[] = [
      tenant,
      ...identity,
      ...signIn,
      ...(appExists
        ? await addInChecks(
            this.graphs.trust,
            this.config.ENTRA_AUTHORITY_HOST,
            credential,
            redirectUri,
            options,
            webRedirectAccepted,
          )
        : []),
      ...permissionChecks(required, (resourceAppId) =>
        resourceAppId === MICROSOFT_GRAPH_APP_ID ? roles : exchangeRoles,
      ),
      ...(await graphChecks(graph, entraGranted(required), roles)),
      ...(await mailboxChecks(graph, options, roles, request)),
      ...(await ewsCheck(
        this.graphs.trust,
        this.config.EXCHANGE_BASE_URL,
        options,
        () => this.exchangeToken(credential.id, consentTenant),
        credential.clientId,
      )),
    ];
    const run: DoctorRunView = {
      id: randomUUID(),
      instanceAlias: instance.alias,
      credentialId: credential.id,
      ok: checks.every((check) => check.outcome !== 'fail'),
      checks,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
    };
    await this.runs.record(run);
    await this.events
      .publish(Events.DoctorFinished, {
        runId: run.id,
        instanceAlias: run.instanceAlias,
        credentialId: run.credentialId,
        ok: run.ok,
        failed: checks.filter((check) => check.outcome === 'fail').map((check) => check.name),
      })
      .catch((error: unknown) =>
        this.logger.warn({ err: error, runId: run.id }, 'Could not publish the doctor result'),
      );
    return run;
  }

  /** An Exchange Online token: legacy EWS permissions show there, not in Graph's. */
  private async exchangeToken(credentialId: string, tenantId: string | null): Promise<string> {
    const token = await this.rpc.send(
      Subjects.AcquireExchangeToken,
      { credentialId, ...(tenantId ? { tenantId } : {}) },
      { timeoutMs: 30_000 },
    );
    return token.accessToken;
  }

  /** The provider app's token in a customer's tenant, reported as a test reply. */
  private async tokenIn(credentialId: string, tenantId: string): Promise<CredentialTestReply> {
    const token = await this.rpc.send(
      Subjects.AcquireGraphToken,
      { credentialId, tenantId },
      { timeoutMs: 30_000 },
    );
    return { ok: true, roles: rolesOfToken(token.accessToken), expiresOn: token.expiresOn };
  }

  async last(instanceAlias: string): Promise<LastDoctorRunReply> {
    const run = await this.runs.latestFor(instanceAlias);
    if (!run) return {};
    return { run, ageSeconds: Math.max(0, Math.round((Date.now() - Date.parse(run.finishedAt)) / 1000)) };
  }
}
