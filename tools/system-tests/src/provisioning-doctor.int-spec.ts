import { Subjects, type DoctorRunView, type SetupView } from '@archive365/contracts';
import { CUSTOMER_TENANT, OTHER_TENANT } from './provisioning/customer-tenant';
import { ProvisioningPlatform, PUBLIC_BASE_URL } from './provisioning/provisioning-platform';

const DAY = 86_400_000;

/**
 * The doctor after an automatic setup: every check passes; then each part of the registration is
 * broken on purpose and the doctor names exactly that check, in plain words, with its fix.
 */
describe('provisioning: the doctor names each broken part with its fix', () => {
  let platform: ProvisioningPlatform;
  let setup: SetupView;

  const tenant = () => platform.customerTenant();
  const app = () => {
    const found = platform.setupApp(setup);
    if (!found.web) throw new Error('no app');
    return found as typeof found & { web: NonNullable<typeof found.web> };
  };
  const doctor = () =>
    platform.rpc.send(Subjects.RunDoctor, { instanceAlias: 'fabrikam' }, { timeoutMs: 30_000 });
  const failed = (run: DoctorRunView) => run.checks.filter((check) => check.outcome === 'fail');
  const check = (run: DoctorRunView, name: string) => run.checks.find((candidate) => candidate.name === name);

  beforeAll(async () => {
    platform = await ProvisioningPlatform.start();
    await platform.createInstance('fabrikam');
    setup = await platform.automaticSetup('fabrikam', { options: { mailAccess: 'none' } });
    expect(setup.state).toBe('succeeded');
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('passes on a correct setup, check by check, and keeps the run', async () => {
    const run = await doctor();
    expect(failed(run)).toEqual([]);
    expect(run.ok).toBe(true);
    expect(run.checks.map((check) => `${check.name}:${check.outcome}`)).toEqual([
      'tenant:pass',
      'application:pass',
      'service-principal:pass',
      'certificate:pass',
      'certificate-expiry:pass',
      'token:pass',
      'redirect-uri:pass',
      'id-tokens:pass',
      'permission:User.Read.All:pass',
      'permission:GroupMember.Read.All:pass',
      'permission:Place.Read.All:pass',
      'graph:User.Read.All:pass',
      'graph:GroupMember.Read.All:pass',
      'graph:Place.Read.All:pass',
    ]);
    const last = await platform.rpc.send(Subjects.LastDoctorRun, { instanceAlias: 'fabrikam' });
    expect(last.run?.id).toBe(run.id);
    expect(last.ageSeconds).toBeGreaterThanOrEqual(0);
  });

  it('redirect URI removed: AADSTS50011 with the exact URI to add', async () => {
    const saved = app().web.redirectUris;
    app().web.redirectUris = [`${PUBLIC_BASE_URL}/fabrikam/oidc/signin/`];
    try {
      const run = await doctor();
      expect(failed(run).map((check) => check.name)).toEqual(['redirect-uri']);
      expect(check(run, 'redirect-uri')?.problem).toMatchObject({ code: 'AADSTS50011' });
      expect(check(run, 'redirect-uri')?.problem?.fix).toContain(
        `Add exactly ${PUBLIC_BASE_URL}/fabrikam/oidc/signin as a Web redirect URI`,
      );
      expect(check(run, 'id-tokens')?.outcome).toBe('skip');
    } finally {
      app().web.redirectUris = saved;
    }
  });

  it('ID tokens disabled: AADSTS700054 and where to tick them', async () => {
    app().web.implicitGrantSettings = { enableIdTokenIssuance: false, enableAccessTokenIssuance: false };
    try {
      const run = await doctor();
      expect(failed(run).map((check) => check.name)).toEqual(['id-tokens']);
      expect(check(run, 'id-tokens')?.problem).toMatchObject({ code: 'AADSTS700054' });
      expect(check(run, 'id-tokens')?.problem?.fix).toContain('ID tokens');
    } finally {
      app().web.implicitGrantSettings = { enableIdTokenIssuance: true, enableAccessTokenIssuance: false };
    }
  });

  it('consent revoked for one role: that permission, and its Graph check is not attempted', async () => {
    const servicePrincipal = tenant().apps.servicePrincipalByAppId(setup.clientId ?? '');
    const graphSp = tenant().apps.servicePrincipalByAppId('00000003-0000-0000-c000-000000000000');
    const assignment = tenant()
      .apps.assignmentsHeldBy(servicePrincipal?.id ?? '')
      .find((candidate) => candidate.appRoleId === 'df021288-bdef-4463-88db-98f22de89214');
    if (!assignment) throw new Error('no assignment');
    tenant().apps.deleteAppRoleAssignment(assignment.id);
    try {
      const run = await doctor();
      expect(failed(run).map((check) => check.name)).toEqual(['permission:User.Read.All']);
      expect(check(run, 'permission:User.Read.All')?.problem).toMatchObject({
        code: 'PERMISSION_NOT_GRANTED',
      });
      expect(check(run, 'permission:User.Read.All')?.problem?.fix).toContain('Grant admin consent');
      expect(check(run, 'graph:User.Read.All')?.outcome).toBe('skip');
      expect(graphSp).toBeDefined();
    } finally {
      tenant().apps.addAppRoleAssignment(assignment);
    }
  });

  it('certificate deleted from the app registration: AADSTS700027 with the thumbprint to upload', async () => {
    const saved = app().keyCredentials;
    app().keyCredentials = [];
    try {
      const run = await doctor();
      expect(failed(run).map((check) => check.name)).toEqual(['certificate']);
      const credential = await platform.rpc.send(Subjects.GetCredential, {
        credentialId: setup.credentialId ?? '',
      });
      expect(check(run, 'certificate')?.problem).toMatchObject({ code: 'AADSTS700027' });
      expect(check(run, 'certificate')?.problem?.fix).toContain(credential.activeCertificate.thumbprintSha1);
      expect(check(run, 'token')?.outcome).toBe('skip');
    } finally {
      app().keyCredentials = saved;
    }
  });

  it('certificate expired at Entra ID: the certificate check fails', async () => {
    platform.emulator.store.clock.advance(500 * DAY);
    try {
      const run = await doctor();
      expect(failed(run).map((check) => check.name)).toEqual(['certificate']);
      expect(check(run, 'certificate')?.problem?.message).toContain('has expired there');
      expect(check(run, 'certificate')?.problem?.fix).toContain('start a renewal');
    } finally {
      platform.emulator.store.clock.reset();
    }
  });

  it('wrong tenant: a tenant without the app, and a tenant that does not exist', async () => {
    const credentialId = setup.credentialId ?? '';
    try {
      await platform.rpc.send(Subjects.UpdateCredential, { credentialId, tenantId: OTHER_TENANT });
      const other = await doctor();
      expect(failed(other).map((check) => check.name)).toEqual(['application']);
      expect(check(other, 'application')?.problem).toMatchObject({ code: 'AADSTS700016' });

      await platform.rpc.send(Subjects.UpdateCredential, {
        credentialId,
        tenantId: '00000000-1234-4000-8000-00000000dead',
      });
      const nowhere = await doctor();
      expect(failed(nowhere).map((check) => check.name)).toEqual(['tenant']);
      expect(check(nowhere, 'tenant')?.problem).toMatchObject({ code: 'AADSTS90002' });
      expect(check(nowhere, 'tenant')?.problem?.fix).toContain('Tenant ID');
    } finally {
      await platform.rpc.send(Subjects.UpdateCredential, { credentialId, tenantId: CUSTOMER_TENANT });
    }
  });

  it('service principal deleted: AADSTS7000229; the automatic setup repairs it and the doctor passes', async () => {
    const servicePrincipal = tenant().apps.servicePrincipalByAppId(setup.clientId ?? '');
    tenant().apps.deleteServicePrincipal(servicePrincipal?.id ?? '');
    const run = await doctor();
    expect(failed(run).map((check) => check.name)).toEqual(['service-principal']);
    expect(check(run, 'service-principal')?.problem).toMatchObject({ code: 'AADSTS7000229' });
    expect(check(run, 'service-principal')?.problem?.fix).toContain(
      `New-MgServicePrincipal -AppId ${setup.clientId}`,
    );

    const repaired = await platform.automaticSetup('fabrikam', {
      credentialId: setup.credentialId,
      options: { mailAccess: 'none' },
    });
    expect(repaired.steps.filter((step) => step.changed).map((step) => step.name)).toEqual([
      'service-principal',
      'admin-consent',
    ]);
    expect((await doctor()).ok).toBe(true);
  });

  it('a certificate expiring within 30 days fails its check with the renewal to start', async () => {
    const short = await platform.rpc.send(
      Subjects.CreateCredential,
      {
        instanceAlias: 'fabrikam',
        name: 'short-lived',
        clientId: setup.clientId ?? '',
        tenantId: CUSTOMER_TENANT,
        certificate: { validityMonths: 1 },
      },
      { timeoutMs: 30_000 },
    );
    const run = await platform.rpc.send(
      Subjects.RunDoctor,
      { instanceAlias: 'fabrikam', credentialId: short.id },
      { timeoutMs: 30_000 },
    );
    expect(check(run, 'certificate-expiry')).toMatchObject({
      outcome: 'fail',
      problem: { code: 'CERTIFICATE_EXPIRING' },
    });
    expect(check(run, 'certificate')?.outcome).toBe('fail');
  });
});
