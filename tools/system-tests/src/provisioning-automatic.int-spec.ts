import { Events, Subjects } from '@archive365/contracts';
import { CUSTOMER_TENANT } from './provisioning/customer-tenant';
import { ProvisioningPlatform, PUBLIC_BASE_URL } from './provisioning/provisioning-platform';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * From nothing to a working instance with the automatic per-tenant app: the customer's administrator
 * signs in once with a device code; the service writes the app registration through Graph; a second
 * run finds everything right and writes nothing.
 */
describe('provisioning: automatic per-tenant app', () => {
  let platform: ProvisioningPlatform;

  beforeAll(async () => {
    platform = await ProvisioningPlatform.start();
    await platform.createInstance('northwind');
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('shows the device code, then creates the app registration, consent and credential', async () => {
    const started = await platform.startAutomatic({
      instanceAlias: 'northwind',
      options: { mailAccess: 'none' },
    });
    expect(started.state).toBe('waiting-for-sign-in');
    expect(started.signIn?.userCode).toMatch(/^[A-Z2-9]{9}$/);
    expect(started.signIn?.verificationUri).toBe(`${platform.emulator.url}/devicelogin`);

    const second = await platform.rpc
      .send(Subjects.StartAutomaticSetup, { instanceAlias: 'northwind' })
      .catch((error: unknown) => error as { body: { reason: string } });
    expect((second as { body: { reason: string } }).body.reason).toBe('ALREADY_RUNNING');

    await platform.approve(started);
    const done = await platform.waitForSetup('northwind', ['succeeded', 'failed']);
    expect(done.problem).toBeUndefined();
    expect(done.state).toBe('succeeded');
    expect(done.tenantId).toBe(CUSTOMER_TENANT);
    expect(done.steps.find((step) => step.name === 'add-in-api')?.state).toBe('skipped');
    expect(done.steps.filter((step) => step.state === 'failed')).toEqual([]);
    expect(done.graphWrites).toBeGreaterThanOrEqual(7);

    // What Entra now holds, read from the emulator's directory.
    const tenant = platform.emulator.store.tenant(CUSTOMER_TENANT);
    const app = tenant?.apps.applicationByAppId(done.clientId ?? '');
    expect(app?.web?.redirectUris).toEqual([`${PUBLIC_BASE_URL}/northwind/oidc/signin`]);
    expect(app?.web?.implicitGrantSettings?.enableIdTokenIssuance).toBe(true);
    expect(app?.keyCredentials).toHaveLength(1);
    expect(app?.requiredResourceAccess).toEqual([
      {
        resourceAppId: GRAPH_APP_ID,
        resourceAccess: [
          { id: 'df021288-bdef-4463-88db-98f22de89214', type: 'Role' },
          { id: '98830695-27a2-44f7-8c18-0c3ebc9698f6', type: 'Role' },
          { id: '913b9306-0ce1-42b8-9137-6a7df690a760', type: 'Role' },
        ],
      },
    ]);
    const servicePrincipal = tenant?.apps.servicePrincipalByAppId(done.clientId ?? '');
    expect(tenant?.apps.assignmentsHeldBy(servicePrincipal?.id ?? '')).toHaveLength(3);

    const credential = await platform.rpc.send(Subjects.GetCredential, {
      credentialId: done.credentialId ?? '',
    });
    expect(credential).toMatchObject({
      clientId: done.clientId,
      tenantId: CUSTOMER_TENANT,
      instanceAlias: 'northwind',
    });
    const test = await platform.rpc.send(Subjects.TestCredential, { credentialId: credential.id });
    expect(test.roles.sort()).toEqual(['GroupMember.Read.All', 'Place.Read.All', 'User.Read.All']);

    // Progress and outcome went out as durable events: the code prompt, each step, the end.
    const events = (await platform.events(Events.SetupProgress)).filter(
      (event) => event.data.setupId === done.id,
    );
    expect(events.map((event) => event.data.state)).toEqual([
      'waiting-for-sign-in',
      ...done.steps.map(() => 'running'),
      'succeeded',
    ]);
    expect(events.at(-1)?.data).toMatchObject({
      instanceAlias: 'northwind',
      mode: 'automatic',
      graphWrites: done.graphWrites,
    });
  });

  it('makes no Graph write when everything is already right', async () => {
    const first = await platform.rpc.send(Subjects.GetSetup, { instanceAlias: 'northwind' });
    const applicationsBefore = JSON.stringify(
      platform.emulator.store.tenant(CUSTOMER_TENANT)?.apps.allApplications(),
    );
    const again = await platform.automaticSetup('northwind', {
      credentialId: first.credentialId,
      options: { mailAccess: 'none' },
    });
    expect(again.state).toBe('succeeded');
    expect(again.graphWrites).toBe(0);
    expect(again.steps.filter((step) => step.changed)).toEqual([]);
    expect(again.clientId).toBe(first.clientId);
    expect(JSON.stringify(platform.emulator.store.tenant(CUSTOMER_TENANT)?.apps.allApplications())).toBe(
      applicationsBefore,
    );
  });

  it('repairs drift: a removed redirect URI and a revoked consent come back, nothing else is written', async () => {
    const first = await platform.rpc.send(Subjects.GetSetup, { instanceAlias: 'northwind' });
    const tenant = platform.emulator.store.tenant(CUSTOMER_TENANT);
    const app = tenant?.apps.applicationByAppId(first.clientId ?? '');
    if (!app?.web || !tenant) throw new Error('no app');
    app.web.redirectUris = [];
    const servicePrincipal = tenant.apps.servicePrincipalByAppId(app.appId);
    const [assignment] = tenant.apps.assignmentsHeldBy(servicePrincipal?.id ?? '');
    tenant.apps.deleteAppRoleAssignment(assignment?.id ?? '');

    const repaired = await platform.automaticSetup('northwind', {
      credentialId: first.credentialId,
      options: { mailAccess: 'none' },
    });
    expect(repaired.state).toBe('succeeded');
    expect(repaired.graphWrites).toBe(2);
    expect(repaired.steps.filter((step) => step.changed).map((step) => step.name)).toEqual([
      'redirect-uri',
      'admin-consent',
    ]);
    expect(app.web.redirectUris).toEqual([`${PUBLIC_BASE_URL}/northwind/oidc/signin`]);
  });

  it('names the failure when the administrator cancels the sign-in', async () => {
    const started = await platform.startAutomatic({ instanceAlias: 'northwind' });
    if (!started.signIn) throw new Error('no code');
    const { approveDeviceCode } = await import('@archive365/entra-emulator');
    await approveDeviceCode({
      verificationUri: started.signIn.verificationUri,
      userCode: started.signIn.userCode,
      userPrincipalName: 'admin@northwind.onmicrosoft.com',
      password: 'Admin-Pa55!',
      decline: true,
      fetch: platform.fetch,
    });
    const failed = await platform.waitForSetup('northwind', ['failed']);
    expect(failed.problem).toMatchObject({ code: 'SIGN_IN_DECLINED' });
    expect(failed.problem?.fix).toContain('Start the setup again');
  });

  it('after a restart during the sign-in, says the setup was interrupted and what to do', async () => {
    const started = await platform.startAutomatic({ instanceAlias: 'northwind' });
    expect(started.state).toBe('waiting-for-sign-in');
    await platform.platform.stop('provisioning');
    await platform.platform.start('provisioning');
    const after = await platform.rpc.send(
      Subjects.GetSetup,
      { instanceAlias: 'northwind' },
      { timeoutMs: 20_000 },
    );
    expect(after).toMatchObject({
      id: started.id,
      state: 'interrupted',
      problem: { code: 'SETUP_INTERRUPTED' },
    });
    expect(after.problem?.fix).toContain('steps already done are checked and not repeated');
    expect(after.signIn).toBeUndefined();
    // And a new setup may start at once: the interrupted one holds nothing.
    const next = await platform.startAutomatic({ instanceAlias: 'northwind' });
    expect(next.state).toBe('waiting-for-sign-in');
  });
});
