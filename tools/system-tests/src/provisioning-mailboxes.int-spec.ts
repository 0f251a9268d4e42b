import { randomUUID } from 'node:crypto';
import { Subjects, type DoctorRunView, type SetupView } from '@archive365/contracts';
import { ARCHIVED, CUSTOMER_TENANT, OUTSIDE } from './provisioning/customer-tenant';
import { ProvisioningPlatform } from './provisioning/provisioning-platform';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * Mailbox access through Graph, scoped with Exchange RBAC for Applications and verified by reading an
 * archived and an outside mailbox; and the legacy EWS option, checked against the tenant's EWS block.
 */
describe('provisioning: mailbox scope and the legacy EWS option', () => {
  let platform: ProvisioningPlatform;
  let setup: SetupView;

  const tenant = () => platform.customerTenant();
  const doctor = (options: { legacyEws?: boolean } = {}) =>
    platform.rpc.send(
      Subjects.RunDoctor,
      {
        instanceAlias: 'contoso',
        archivedMailbox: ARCHIVED.upn,
        outOfScopeMailbox: OUTSIDE.upn,
        options: { mailAccess: 'graph', ...options },
      },
      { timeoutMs: 30_000 },
    );
  const outcomes = (run: DoctorRunView, ...names: string[]) =>
    Object.fromEntries(
      run.checks.filter((check) => names.includes(check.name)).map((check) => [check.name, check.outcome]),
    );

  beforeAll(async () => {
    platform = await ProvisioningPlatform.start();
    await platform.createInstance('contoso');
    setup = await platform.automaticSetup('contoso');
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('never consents to mail in Entra, and says the Exchange scope is for PowerShell', async () => {
    expect(setup.problem).toBeUndefined();
    expect(setup.state).toBe('succeeded');
    expect(setup.steps.find((step) => step.name === 'exchange-scope')).toMatchObject({
      state: 'skipped',
      problem: { code: 'EXCHANGE_SCOPE_BY_POWERSHELL' },
    });
    const test = await platform.rpc.send(Subjects.TestCredential, { credentialId: setup.credentialId ?? '' });
    expect(test.roles.sort()).toEqual(['GroupMember.Read.All', 'Place.Read.All', 'User.Read.All']);
  });

  it('with the Exchange scope on the archived mailboxes: the archived one reads, the outside one is refused', async () => {
    tenant().mailboxes.setScope(setup.clientId ?? '', [ARCHIVED.id]);
    const run = await doctor();
    expect(run.checks.filter((check) => check.outcome === 'fail' || check.outcome === 'warn')).toEqual([]);
    expect(outcomes(run, 'mailbox-in-scope', 'mailbox-out-of-scope')).toEqual({
      'mailbox-in-scope': 'pass',
      'mailbox-out-of-scope': 'pass',
    });
  });

  it('an archived mailbox outside the scope fails, with the PowerShell to run', async () => {
    tenant().mailboxes.setScope(setup.clientId ?? '', [OUTSIDE.id]);
    try {
      const run = await doctor();
      expect(run.checks.filter((check) => check.outcome === 'fail').map((check) => check.name)).toEqual([
        'mailbox-in-scope',
      ]);
      const inScope = run.checks.find((check) => check.name === 'mailbox-in-scope');
      expect(inScope?.problem?.message).toContain('403 ErrorAccessDenied');
      expect(inScope?.problem?.fix).toContain('New-ManagementRoleAssignment -App');
    } finally {
      tenant().mailboxes.setScope(setup.clientId ?? '', [ARCHIVED.id]);
    }
  });

  it('a tenant-wide Entra grant of Mail.Read is reported as a warning that names it', async () => {
    const servicePrincipal = tenant().apps.servicePrincipalByAppId(setup.clientId ?? '');
    const graph = tenant().apps.servicePrincipalByAppId(GRAPH_APP_ID);
    const assignment = {
      id: randomUUID(),
      principalId: servicePrincipal?.id ?? '',
      resourceId: graph?.id ?? '',
      appRoleId: graph?.appRoles?.find((role) => role.value === 'Mail.Read')?.id ?? '',
      principalType: 'ServicePrincipal',
    };
    tenant().apps.addAppRoleAssignment(assignment);
    try {
      const scoped = await doctor();
      expect(scoped.ok).toBe(true);
      const warning = scoped.checks.find((check) => check.name === 'tenant-wide:Mail.Read');
      expect(warning).toMatchObject({ outcome: 'warn', problem: { code: 'TENANT_WIDE_MAIL_GRANT' } });
      expect(warning?.problem?.fix).toContain('Remove the admin consent for Mail.Read');

      // Without the Exchange scope the grant reaches every mailbox: the outside one reads too.
      tenant().mailboxes.setScope(setup.clientId ?? '', undefined);
      // A token carries the consent of the moment it was issued, and the platform caches tokens for
      // about an hour: check with a second credential of the same app, whose first token is new.
      const second = await platform.rpc.send(
        Subjects.CreateCredential,
        {
          instanceAlias: 'contoso',
          name: 'second',
          clientId: setup.clientId ?? '',
          tenantId: CUSTOMER_TENANT,
        },
        { timeoutMs: 30_000 },
      );
      const der = await platform.rpc.send(Subjects.DownloadCertificate, {
        credentialId: second.id,
        format: 'der',
      });
      const app = tenant().apps.applicationByAppId(setup.clientId ?? '');
      app?.keyCredentials?.push({
        keyId: randomUUID(),
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        key: der.contentBase64,
        startDateTime: second.activeCertificate.notBefore,
        endDateTime: second.activeCertificate.notAfter,
      });
      const unscoped = await platform.rpc.send(
        Subjects.RunDoctor,
        {
          instanceAlias: 'contoso',
          credentialId: second.id,
          archivedMailbox: ARCHIVED.upn,
          outOfScopeMailbox: OUTSIDE.upn,
          options: { mailAccess: 'graph' },
        },
        { timeoutMs: 30_000 },
      );
      expect(outcomes(unscoped, 'mailbox-in-scope', 'mailbox-out-of-scope')).toEqual({
        'mailbox-in-scope': 'pass',
        'mailbox-out-of-scope': 'warn',
      });
    } finally {
      tenant().apps.deleteAppRoleAssignment(assignment.id);
      tenant().mailboxes.setScope(setup.clientId ?? '', [ARCHIVED.id]);
    }
  });

  it('legacy EWS: consented as full_access_as_app, blocked by the tenant until it allows the app', async () => {
    const legacy = await platform.automaticSetup('contoso', {
      credentialId: setup.credentialId,
      options: { legacyEws: true },
    });
    expect(legacy.state).toBe('succeeded');
    expect(legacy.steps.filter((step) => step.changed).map((step) => step.name)).toEqual([
      'permissions',
      'admin-consent',
    ]);
    const blocked = await doctor({ legacyEws: true });
    const ews = blocked.checks.find((check) => check.name === 'ews');
    expect(ews).toMatchObject({ outcome: 'fail', problem: { code: 'EWS_BLOCKED' } });
    expect(ews?.problem?.fix).toContain(
      `Set-OrganizationConfig -EWSAllowedAppIDs @{Add="${setup.clientId ?? ''}"}`,
    );
    expect(ews?.problem?.message).toContain('1 April 2027');

    tenant().mailboxes.exchange.ewsAllowedAppIds = [setup.clientId ?? ''];
    const allowed = await doctor({ legacyEws: true });
    expect(allowed.checks.find((check) => check.name === 'ews')?.outcome).toBe('pass');
  });
});
