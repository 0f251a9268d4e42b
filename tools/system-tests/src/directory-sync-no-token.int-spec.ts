import { DirectorySyncHarness, E3 } from './support/directory-sync-harness';

/**
 * A credential that gets no token because its certificate was never uploaded to the app registration:
 * Entra ID refuses the client assertion (AADSTS700027). That lasts until an administrator acts, so the
 * run fails at once, saying so with the fix, instead of retrying and blaming Graph.
 */
describe('directory sync: a credential whose certificate was never uploaded', () => {
  const harness = new DirectorySyncHarness('notoken', {
    GRAPH_MAX_RETRIES: '6',
    GRAPH_MAX_BACKOFF_MS: '4000',
  });

  beforeAll(async () => {
    await harness.start();
    await harness.addUser({ nickname: 'ann', licenseSkuIds: [E3] });
    // Undo the portal upload the harness does: the app registration knows no certificate.
    for (const app of harness.emulator.store.tenant(harness.tenantId)?.apps.allApplications() ?? [])
      app.keyCredentials = [];
  });

  afterAll(async () => {
    await harness.close();
  });

  it('fails fast with the AADSTS code and its fix, changing nothing', async () => {
    const began = Date.now();
    const run = await harness.sync('full');
    // Six retries backing off up to 4 s each would take well over 5 s.
    expect(Date.now() - began).toBeLessThan(5000);
    expect(run).toMatchObject({ state: 'failed', applied: false, completeRead: false });
    expect(run.reason).toMatch(
      /no Graph token for the credential: .*\(AADSTS700027\); to fix: Upload the certificate/,
    );
    expect(run.reason).not.toMatch(/Graph did not answer|connection cut/);
    expect(await harness.archiveUsers()).toEqual([]);
  });
});
