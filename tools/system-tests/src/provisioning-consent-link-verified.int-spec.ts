import { Subjects, type CredentialView, type SyncRunKind, type SyncRunView } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import { waitFor } from '@archive365/testing';
import {
  ADMIN,
  ARCHIVED,
  CUSTOMER_DOMAIN,
  CUSTOMER_TENANT,
  NOBODY,
  OTHER_TENANT,
  OUTSIDE,
  PROVIDER_APP,
  PROVIDER_TENANT,
} from './provisioning/customer-tenant';
import { ProvisioningPlatform, PUBLIC_BASE_URL } from './provisioning/provisioning-platform';

const CONSENT_RETURN = 'https://admin.example.net/api/provisioning/consent';

/**
 * The consent link: the provider's one multi-tenant app; per instance the customer's administrator
 * consents once; the return is checked (state single use, tenant the instance's) and the service
 * principal's roles verified in the customer's tenant with a real token.
 */
describe('provisioning: consent link to the provider multi-tenant app', () => {
  let platform: ProvisioningPlatform;
  let provider: CredentialView;

  const providerApp = () => {
    const app = platform.emulator.store.tenant(PROVIDER_TENANT)?.apps.applicationById(PROVIDER_APP.objectId);
    if (!app?.web) throw new Error('no provider app');
    return app as typeof app & { web: NonNullable<typeof app.web> };
  };

  beforeAll(async () => {
    platform = await ProvisioningPlatform.start();
    platform.loadProviderTenant();

    // The provider's own credential: it belongs to no instance.
    provider = await platform.rpc.send(
      Subjects.CreateProviderCredential,
      { name: 'Provider app', clientId: PROVIDER_APP.appId, tenantId: PROVIDER_TENANT },
      { timeoutMs: 30_000 },
    );
    expect(provider.owner).toBe('provider');
    const der = await platform.rpc.send(Subjects.DownloadCertificate, {
      credentialId: provider.id,
      format: 'der',
    });
    platform.uploadCertificate(PROVIDER_TENANT, PROVIDER_APP.appId, Buffer.from(der.contentBase64, 'base64'));
    // No PROVIDER_CREDENTIAL_ID: the one provider-level credential is found over the bus.
    await platform.restartProvisioning({ CONSENT_REDIRECT_URI: CONSENT_RETURN });
    // Directory sync reads the customer's directory with the provider's app once consent is given.
    await platform.startDirectorySync();
    await platform.createInstance('woodgrove');
  });

  afterAll(async () => {
    await platform?.close();
  });

  /** A run to its end state; a run shows it a moment before it lets go of the instance. */
  const syncRun = async (alias: string, kind: SyncRunKind): Promise<SyncRunView> => {
    const started = await waitFor('the run to start', () =>
      platform.rpc.send(Subjects.StartSync, { instanceAlias: alias, kind }).catch((error: unknown) => {
        if ((error as RpcCallError).body?.reason === 'RUN_IN_PROGRESS') return undefined;
        throw error;
      }),
    );
    return waitFor(
      `the ${kind} run of ${alias} to settle`,
      async () => {
        const run = await platform.rpc.send(Subjects.GetSyncRun, { runId: started.id });
        return ['reading', 'applying', 'publishing'].includes(run.state) ? undefined : run;
      },
      60_000,
    );
  };

  it('issues the consent link, handles the return once, and verifies the roles in the customer tenant', async () => {
    // A provider app registered without ID tokens: the setup turns them on (the instance signs users in with it).
    providerApp().web.implicitGrantSettings = { enableIdTokenIssuance: false };
    const started = await platform.rpc.send(
      Subjects.StartConsentSetup,
      {
        instanceAlias: 'woodgrove',
        tenantId: CUSTOMER_DOMAIN,
        options: { mailAccess: 'none', addInOrigin: 'https://addin.example.net' },
      },
      { timeoutMs: 30_000 },
    );
    expect(started.problem).toBeUndefined();
    expect(started).toMatchObject({
      state: 'waiting-for-consent',
      tenantId: CUSTOMER_TENANT,
      mode: 'consent-link',
    });
    const link = new URL(started.consentUrl ?? '');
    expect(link.pathname).toBe(`/${CUSTOMER_TENANT}/v2.0/adminconsent`);
    expect(link.searchParams.get('client_id')).toBe(PROVIDER_APP.appId);
    const setup = await platform.rpc.send(Subjects.GetSetup, { instanceAlias: 'woodgrove' });
    expect(setup.credentialId).toBe(provider.id);
    expect(link.searchParams.get('scope')).toBe('https://graph.microsoft.com/.default');
    expect(link.searchParams.get('redirect_uri')).toBe(CONSENT_RETURN);
    expect(providerApp().web.redirectUris).toEqual([
      `${PUBLIC_BASE_URL}/woodgrove/oidc/signin`,
      CONSENT_RETURN,
    ]);
    expect(providerApp().web.implicitGrantSettings?.enableIdTokenIssuance).toBe(true);
    // The instance uses the Outlook add-in: the provider's app exposes the API for it.
    expect(providerApp().identifierUris).toEqual([`api://${PROVIDER_APP.appId}`]);
    expect(providerApp().spa?.redirectUris).toEqual(['brk-multihub://addin.example.net']);

    const back = await platform.consentAsAdmin(started.consentUrl ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(CONSENT_RETURN);
    const returned = {
      state: back.searchParams.get('state') ?? '',
      adminConsent: back.searchParams.get('admin_consent') ?? '',
      tenant: back.searchParams.get('tenant') ?? '',
    };
    const done = await platform.rpc.send(Subjects.CompleteConsent, returned, { timeoutMs: 30_000 });
    expect(done.problem).toBeUndefined();
    expect(done.state).toBe('succeeded');
    expect(done.steps.find((step) => step.name === 'verify')?.detail).toContain('User.Read.All');

    const replay = await platform.rpc
      .send(Subjects.CompleteConsent, returned)
      .catch((error: unknown) => error);
    expect((replay as RpcCallError).body).toMatchObject({ code: 'CONFLICT', field: 'state' });

    const run = await platform.rpc.send(
      Subjects.RunDoctor,
      { instanceAlias: 'woodgrove' },
      { timeoutMs: 30_000 },
    );
    expect(run.checks.filter((check) => check.outcome === 'fail')).toEqual([]);
    expect(run.checks.filter((check) => check.name.startsWith('addin-')).map((c) => c.outcome)).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
  });

  it("synchronizes the consent-link instance's users from the customer's tenant with the provider's app", async () => {
    await waitFor('the sync profile of woodgrove', () =>
      platform.rpc.send(Subjects.GetSyncConfiguration, { instanceAlias: 'woodgrove' }).catch(() => undefined),
    );
    await platform.rpc.send(Subjects.UpdateSyncConfiguration, {
      instanceAlias: 'woodgrove',
      userFilter: 'enabled',
    });
    const assigned = await platform.rpc.send(Subjects.AssignSyncCredential, {
      instanceAlias: 'woodgrove',
      credentialId: provider.id,
    });
    expect(assigned.credentialId).toBe(provider.id);

    const preview = await syncRun('woodgrove', 'preview');
    expect(preview).toMatchObject({ state: 'planned', completeRead: true });
    expect(preview.counts.create).toBeGreaterThanOrEqual(3);
    const full = await syncRun('woodgrove', 'full');
    expect(full.reason).toBeUndefined();
    expect(full).toMatchObject({ state: 'succeeded', applied: true });
    const users = await platform.rpc.send(Subjects.ListArchiveUsers, { instanceAlias: 'woodgrove' });
    // The customer's people, read with tokens issued in the customer's tenant (not the provider's).
    expect(users.items.map((user) => user.userName)).toEqual(
      expect.arrayContaining([ADMIN.upn, ARCHIVED.upn, OUTSIDE.upn]),
    );
    expect(new Set(users.items.map((user) => user.tenantId))).toEqual(new Set([CUSTOMER_TENANT]));
    const configuration = await platform.rpc.send(Subjects.GetSyncConfiguration, {
      instanceAlias: 'woodgrove',
    });
    expect(configuration.directoryTenantId).toBe(CUSTOMER_TENANT);
  });

  it("refuses the provider's credential for the sync of an instance without consent, with the fix", async () => {
    await platform.createInstance('tailspin');
    await waitFor('the sync profile of tailspin', () =>
      platform.rpc.send(Subjects.GetSyncConfiguration, { instanceAlias: 'tailspin' }).catch(() => undefined),
    );
    const refused = await platform.rpc
      .send(Subjects.AssignSyncCredential, { instanceAlias: 'tailspin', credentialId: provider.id })
      .catch((error: unknown) => error);
    expect((refused as RpcCallError).body).toMatchObject({
      reason: 'CONSENT_TENANT_UNKNOWN',
      field: 'credentialId',
    });
    expect((refused as RpcCallError).body.hint).toContain('consent link setup');
    const configuration = await platform.rpc.send(Subjects.GetSyncConfiguration, {
      instanceAlias: 'tailspin',
    });
    expect(configuration.credentialId).toBeUndefined();
  });

  it('refuses a return from another tenant, and a cancelled consent, each with its fix', async () => {
    const started = await platform.rpc.send(
      Subjects.StartConsentSetup,
      { instanceAlias: 'woodgrove', tenantId: CUSTOMER_TENANT, options: { mailAccess: 'none' } },
      { timeoutMs: 30_000 },
    );
    const state = new URL(started.consentUrl ?? '').searchParams.get('state') ?? '';
    const wrong = await platform.rpc.send(Subjects.CompleteConsent, {
      state,
      adminConsent: 'True',
      tenant: OTHER_TENANT,
    });
    expect(wrong.state).toBe('failed');
    expect(wrong.problem).toMatchObject({ code: 'TENANT_MISMATCH' });
    expect(wrong.problem?.fix).toContain("instance's own tenant");
    // The state is spent even by a refused return: a second try with the right tenant is a conflict.
    const replay = await platform.rpc
      .send(Subjects.CompleteConsent, { state, adminConsent: 'True', tenant: CUSTOMER_TENANT })
      .catch((error: unknown) => error);
    expect((replay as RpcCallError).body).toMatchObject({ code: 'CONFLICT', field: 'state' });

    const again = await platform.rpc.send(
      Subjects.StartConsentSetup,
      { instanceAlias: 'woodgrove', tenantId: CUSTOMER_TENANT, options: { mailAccess: 'none' } },
      { timeoutMs: 30_000 },
    );
    const cancelled = await platform.consentAsAdmin(again.consentUrl ?? '', undefined, 'cancel');
    const refused = await platform.rpc.send(Subjects.CompleteConsent, {
      state: cancelled.searchParams.get('state') ?? '',
      error: cancelled.searchParams.get('error') ?? '',
      errorDescription: cancelled.searchParams.get('error_description') ?? '',
    });
    expect(refused.problem).toMatchObject({ code: 'AADSTS65004' });
    expect(NOBODY.upn).toContain(CUSTOMER_DOMAIN);
  });

  it("at Microsoft's limit of 256 redirect URIs, says so instead of adding one", async () => {
    const saved = providerApp().web.redirectUris;
    providerApp().web.redirectUris = Array.from(
      { length: 256 },
      (_, index) => `https://full.example.net/i${index}/oidc/signin`,
    );
    try {
      await platform.createInstance('overflow');
      const full = await platform.rpc.send(
        Subjects.StartConsentSetup,
        { instanceAlias: 'overflow', tenantId: CUSTOMER_TENANT, options: { mailAccess: 'none' } },
        { timeoutMs: 30_000 },
      );
      expect(full.state).toBe('failed');
      expect(full.problem).toMatchObject({ code: 'PROVIDER_APP_FULL' });
      expect(full.problem?.fix).toContain('second multi-tenant provider app');
      expect(providerApp().web.redirectUris).toHaveLength(256);
    } finally {
      providerApp().web.redirectUris = saved;
    }
  });
});
