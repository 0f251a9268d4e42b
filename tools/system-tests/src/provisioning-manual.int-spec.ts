import { randomUUID } from 'node:crypto';
import { Subjects, type CredentialView } from '@archive365/contracts';
import { CUSTOMER_TENANT } from './provisioning/customer-tenant';
import { ProvisioningPlatform, PUBLIC_BASE_URL } from './provisioning/provisioning-platform';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const NIL = '00000000-0000-0000-0000-000000000000';

/**
 * The manual guide: instance-specific steps with exact values and Exchange PowerShell built from the
 * sync filter; the administrator follows them (here: straight into the emulated tenant, as the portal
 * would), and the manual setup succeeds once the doctor finds nothing wrong.
 */
describe('provisioning: manual guide, verified by the doctor', () => {
  let platform: ProvisioningPlatform;
  let credential: CredentialView;

  beforeAll(async () => {
    platform = await ProvisioningPlatform.start();
    await platform.createInstance('tailspin');
    credential = await platform.rpc.send(
      Subjects.CreateCredential,
      { instanceAlias: 'tailspin', name: 'Tailspin M365', clientId: NIL, tenantId: CUSTOMER_TENANT },
      { timeoutMs: 30_000 },
    );
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('gives the exact values, and Exchange PowerShell scoped to the archived group with the tenant-wide warning', async () => {
    const guide = await platform.rpc.send(Subjects.Guide, {
      instanceAlias: 'tailspin',
      credentialId: credential.id,
      syncFilter: 'groups',
      groupAddress: 'archived@northwind.onmicrosoft.com',
    });
    expect(guide.redirectUri).toBe(`${PUBLIC_BASE_URL}/tailspin/oidc/signin`);
    expect(guide.certificateThumbprintSha1).toBe(credential.activeCertificate.thumbprintSha1);
    const permissions = guide.steps.find((step) => step.title.startsWith('Add the permissions'));
    expect(Object.keys(permissions?.values ?? {})).toEqual([
      'Microsoft Graph User.Read.All',
      'Microsoft Graph GroupMember.Read.All',
      'Microsoft Graph Place.Read.All',
    ]);
    const exchange = guide.steps.find((step) => step.powershell?.includes('New-ManagementScope'));
    expect(exchange?.powershell).toContain(
      `$group = Get-Group -Identity "archived@northwind.onmicrosoft.com"`,
    );
    expect(exchange?.powershell).toContain(
      `-RecipientRestrictionFilter "MemberOfGroup -eq '$($group.DistinguishedName)'"`,
    );
    expect(exchange?.powershell).toContain(
      'New-ManagementRoleAssignment -App <Application (client) ID> -Role "Application Mail.Read" -CustomResourceScope "Email archive tailspin"',
    );
    expect(exchange?.powershell).toContain('Test-ServicePrincipalAuthorization');
    expect(exchange?.warning).toContain('tenant-wide grant');

    const legacy = await platform.rpc.send(Subjects.Guide, {
      instanceAlias: 'tailspin',
      credentialId: credential.id,
      options: { mailAccess: 'none', legacyEws: true, directoryAccess: 'directory-read-all' },
    });
    const legacyPermissions = legacy.steps.find((step) => step.title.startsWith('Add the permissions'));
    expect(Object.keys(legacyPermissions?.values ?? {})).toEqual([
      'Microsoft Graph Directory.Read.All',
      'Microsoft Graph Place.Read.All',
      'Office 365 Exchange Online full_access_as_app',
    ]);
    expect(legacyPermissions?.warning).toContain('1 April 2027');
    expect(legacy.steps.some((step) => step.powershell?.includes('New-ManagementScope'))).toBe(false);
  });

  it('fails with the first thing to fix before the steps are done, then succeeds once they are', async () => {
    const tenant = platform.emulator.store.tenant(CUSTOMER_TENANT);
    if (!tenant) throw new Error('no tenant');
    // Step 1-2: the app is registered and its ids copied into the credential, nothing else yet.
    const appId = randomUUID();
    const objectId = randomUUID();
    tenant.apps.addApplication({
      id: objectId,
      appId,
      displayName: 'Email archive (tailspin)',
      keyCredentials: [],
    });
    await platform.rpc.send(Subjects.UpdateCredential, { credentialId: credential.id, clientId: appId });
    const early = await platform.rpc.send(
      Subjects.StartManualSetup,
      {
        instanceAlias: 'tailspin',
        credentialId: credential.id,
        applicationObjectId: objectId,
        options: { mailAccess: 'none' },
      },
      { timeoutMs: 30_000 },
    );
    expect(early.state).toBe('failed');
    expect(early.problem?.code).toBe('CHECKS_FAILED');
    expect(early.problem?.fix).toContain(credential.activeCertificate.thumbprintSha1);

    // The remaining steps, exactly as the guide says.
    const guide = await platform.rpc.send(Subjects.Guide, {
      instanceAlias: 'tailspin',
      credentialId: credential.id,
    });
    const der = await platform.rpc.send(Subjects.DownloadCertificate, {
      credentialId: credential.id,
      format: 'der',
    });
    const app = tenant.apps.applicationById(objectId);
    if (!app) throw new Error('no app');
    const servicePrincipalId = randomUUID();
    tenant.apps.addServicePrincipal({
      id: servicePrincipalId,
      appId,
      displayName: 'Email archive (tailspin)',
    });
    Object.assign(app, {
      keyCredentials: [
        {
          keyId: randomUUID(),
          type: 'AsymmetricX509Cert',
          usage: 'Verify',
          key: der.contentBase64,
          customKeyIdentifier: Buffer.from(der.thumbprintSha1, 'hex').toString('base64'),
          startDateTime: credential.activeCertificate.notBefore,
          endDateTime: credential.activeCertificate.notAfter,
        },
      ],
      web: {
        redirectUris: [guide.redirectUri],
        implicitGrantSettings: { enableIdTokenIssuance: true, enableAccessTokenIssuance: false },
      },
    });
    const graph = tenant.apps.servicePrincipalByAppId(GRAPH_APP_ID);
    for (const value of ['User.Read.All', 'GroupMember.Read.All', 'Place.Read.All']) {
      tenant.apps.addAppRoleAssignment({
        id: randomUUID(),
        principalId: servicePrincipalId,
        resourceId: graph?.id ?? '',
        appRoleId: graph?.appRoles?.find((role) => role.value === value)?.id ?? '',
        principalType: 'ServicePrincipal',
      });
    }

    const done = await platform.rpc.send(
      Subjects.StartManualSetup,
      {
        instanceAlias: 'tailspin',
        credentialId: credential.id,
        applicationObjectId: objectId,
        options: { mailAccess: 'none' },
      },
      { timeoutMs: 30_000 },
    );
    expect(done.problem).toBeUndefined();
    expect(done).toMatchObject({
      state: 'succeeded',
      mode: 'manual',
      applicationObjectId: objectId,
      graphWrites: 0,
    });
    const last = await platform.rpc.send(Subjects.LastDoctorRun, { instanceAlias: 'tailspin' });
    expect(last.run?.ok).toBe(true);
  });
});
