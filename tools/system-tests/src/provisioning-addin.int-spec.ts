import { Subjects, type DoctorRunView, type SetupView } from '@archive365/contracts';
import { ProvisioningPlatform } from './provisioning/provisioning-platform';

const ADDIN_ORIGIN = 'https://addin.example.net';
const BROKER_URI = 'brk-multihub://addin.example.net';
const OPTIONS = { mailAccess: 'none', addInOrigin: ADDIN_ORIGIN } as const;

/**
 * The Outlook add-in's nested app authentication on the automatic per-tenant app: the setup exposes
 * our API (`api://{appId}`, the delegated `access_as_user` scope, the SPA redirect URI
 * `brk-multihub://<add-in origin>`), a second run writes nothing, the doctor passes, and each of the
 * three parts removed on purpose is named alone with its fix.
 */
describe('provisioning: the Outlook add-in API (nested app authentication)', () => {
  let platform: ProvisioningPlatform;
  let setup: SetupView;

  const tenant = () => platform.customerTenant();
  const app = () => platform.setupApp(setup);
  /** A change made in the portal: the service principal follows its registration. */
  const edit = (change: () => void) => {
    change();
    tenant().apps.refreshServicePrincipalOf(app());
  };
  const doctor = () =>
    platform.rpc.send(Subjects.RunDoctor, { instanceAlias: 'tailspin' }, { timeoutMs: 30_000 });
  const failed = (run: DoctorRunView) =>
    run.checks.filter((check) => check.outcome === 'fail').map((check) => check.name);
  const addIn = (run: DoctorRunView) =>
    run.checks
      .filter((check) => check.name.startsWith('addin-'))
      .map((check) => `${check.name}:${check.outcome}`);
  const problemOf = (run: DoctorRunView, name: string) =>
    run.checks.find((check) => check.name === name)?.problem;

  beforeAll(async () => {
    platform = await ProvisioningPlatform.start();
    await platform.createInstance('tailspin');
    setup = await platform.automaticSetup('tailspin', { options: OPTIONS });
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('exposes the API for the add-in, and a second run writes nothing', async () => {
    expect(setup.problem).toBeUndefined();
    expect(setup.state).toBe('succeeded');
    expect(setup.steps.find((step) => step.name === 'add-in-api')).toMatchObject({
      state: 'done',
      changed: true,
    });
    const registered = app();
    expect(registered.identifierUris).toEqual([`api://${setup.clientId}`]);
    expect(registered.api?.oauth2PermissionScopes).toEqual([
      expect.objectContaining({ value: 'access_as_user', type: 'User', isEnabled: true }),
    ]);
    expect(registered.spa?.redirectUris).toEqual([BROKER_URI]);

    const again = await platform.automaticSetup('tailspin', {
      credentialId: setup.credentialId,
      options: OPTIONS,
    });
    expect(again.state).toBe('succeeded');
    expect(again.graphWrites).toBe(0);
    expect(again.steps.find((step) => step.name === 'add-in-api')?.detail).toContain('are registered');
  });

  it('the doctor passes each add-in check', async () => {
    const run = await doctor();
    expect(failed(run)).toEqual([]);
    expect(addIn(run)).toEqual([
      'addin-spa-redirect-uri:pass',
      'addin-identifier-uri:pass',
      'addin-scope:pass',
    ]);
  });

  it('SPA redirect URI removed: AADSTS50011 with the exact URI and platform to add', async () => {
    const saved = app().spa?.redirectUris ?? [];
    edit(() => (app().spa = { redirectUris: [] }));
    try {
      const run = await doctor();
      expect(failed(run)).toEqual(['addin-spa-redirect-uri']);
      expect(problemOf(run, 'addin-spa-redirect-uri')).toMatchObject({ code: 'AADSTS50011' });
      expect(problemOf(run, 'addin-spa-redirect-uri')?.fix).toContain(
        `Add exactly ${BROKER_URI} as a Single-page application redirect URI`,
      );
    } finally {
      edit(() => (app().spa = { redirectUris: saved }));
    }
  });

  it('identifier URI removed: AADSTS500011 with the Application ID URI to set', async () => {
    const saved = app().identifierUris ?? [];
    edit(() => (app().identifierUris = []));
    try {
      const run = await doctor();
      expect(failed(run)).toEqual(['addin-identifier-uri']);
      expect(problemOf(run, 'addin-identifier-uri')).toMatchObject({ code: 'AADSTS500011' });
      expect(problemOf(run, 'addin-identifier-uri')?.fix).toContain(
        `Set the Application ID URI to api://${setup.clientId}`,
      );
      expect(addIn(run)).toContain('addin-scope:skip');
    } finally {
      edit(() => (app().identifierUris = saved));
    }
  });

  it('scope removed: named with the scope to add', async () => {
    const saved = app().api?.oauth2PermissionScopes ?? [];
    edit(() => (app().api = { ...app().api, oauth2PermissionScopes: [] }));
    try {
      const run = await doctor();
      expect(failed(run)).toEqual(['addin-scope']);
      expect(problemOf(run, 'addin-scope')).toMatchObject({ code: 'AADSTS70011' });
      expect(problemOf(run, 'addin-scope')?.fix).toContain('Add the scope access_as_user');
    } finally {
      edit(() => (app().api = { ...app().api, oauth2PermissionScopes: saved }));
    }
    // Everything back: the doctor passes again, and the setup finds nothing to write.
    expect(failed(await doctor())).toEqual([]);
  });

  it('a second removal is repaired by running the setup again, with one write', async () => {
    edit(() => (app().spa = { redirectUris: [] }));
    const repaired = await platform.automaticSetup('tailspin', {
      credentialId: setup.credentialId,
      options: OPTIONS,
    });
    expect(repaired.graphWrites).toBe(1);
    expect(repaired.steps.filter((step) => step.changed).map((step) => step.name)).toEqual(['add-in-api']);
    expect(app().spa?.redirectUris).toEqual([BROKER_URI]);
    expect(failed(await doctor())).toEqual([]);
  });
});
