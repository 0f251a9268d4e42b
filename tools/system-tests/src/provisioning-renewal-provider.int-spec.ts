import { createHash, randomUUID } from 'node:crypto';
import { Subjects, type CredentialView } from '@archive365/contracts';
import { waitFor } from '@archive365/testing';
import {
  CUSTOMER_TENANT,
  PROVIDER_APP,
  PROVIDER_TENANT,
  providerTenantFixture,
} from './provisioning/customer-tenant';
import { ProvisioningPlatform } from './provisioning/provisioning-platform';
import { startTokenLoad } from './provisioning/token-load';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * The provider's multi-tenant app renews its own certificate like an instance's app: its Object ID
 * looked up by client id in the provider's tenant, addKey and removeKey there, and the key the
 * provider uploaded by hand found by its thumbprint, so that it alone is left of the old ones.
 */
describe('provisioning: renewal of the provider credential', () => {
  let platform: ProvisioningPlatform;
  let provider: CredentialView;

  const providerApp = () => {
    const app = platform.emulator.store.tenant(PROVIDER_TENANT)?.apps.applicationById(PROVIDER_APP.objectId);
    if (!app) throw new Error('no provider app');
    return app;
  };
  const registeredThumbprints = () =>
    (providerApp().keyCredentials ?? []).map((key) =>
      createHash('sha1')
        .update(Buffer.from(key.key ?? '', 'base64'))
        .digest('hex')
        .toUpperCase(),
    );

  beforeAll(async () => {
    platform = await ProvisioningPlatform.start({ RENEWAL_SWEEP_INTERVAL_MS: '500' });
    // The provider tenant's Graph service principal has the same deterministic id scheme: load, then read it.
    const graphSp = platform.emulator.store
      .tenant(CUSTOMER_TENANT)
      ?.apps.servicePrincipalByAppId(GRAPH_APP_ID);
    platform.emulator.store.load({ tenants: [providerTenantFixture(graphSp?.id ?? '')] });
    const providerGraphSp = platform.emulator.store
      .tenant(PROVIDER_TENANT)
      ?.apps.servicePrincipalByAppId(GRAPH_APP_ID);
    platform.emulator.store.load({ tenants: [providerTenantFixture(providerGraphSp?.id ?? '')] });
    provider = await platform.rpc.send(
      Subjects.CreateProviderCredential,
      { name: 'Provider app', clientId: PROVIDER_APP.appId, tenantId: PROVIDER_TENANT },
      { timeoutMs: 30_000 },
    );
    // The provider uploads the first certificate by hand: the platform never learned its key id.
    const der = await platform.rpc.send(Subjects.DownloadCertificate, {
      credentialId: provider.id,
      format: 'der',
    });
    providerApp().keyCredentials = [
      {
        keyId: randomUUID(),
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        key: der.contentBase64,
        customKeyIdentifier: Buffer.from(der.thumbprintSha1, 'hex').toString('base64'),
        startDateTime: provider.activeCertificate.notBefore,
        endDateTime: provider.activeCertificate.notAfter,
      },
    ];
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('renews under a steady token load, leaving the new certificate alone on the app', async () => {
    const before = provider.activeCertificate.id;
    const load = startTokenLoad(platform, provider.id);
    try {
      // No Object ID given: the provider app's is looked up in the provider's tenant.
      const started = await platform.rpc.send(
        Subjects.StartRenewal,
        { credentialId: provider.id },
        { timeoutMs: 30_000 },
      );
      expect(started).toMatchObject({ state: 'running', credentialId: provider.id });
      expect(started.instanceAlias).toBeUndefined();
      const view = await waitFor(
        'the renewal to end',
        async () => {
          const current = await platform.rpc.send(Subjects.GetRenewal, { credentialId: provider.id });
          return current.state === 'running' ? undefined : current;
        },
        60_000,
      );
      expect(view.problem).toBeUndefined();
      expect(view).toMatchObject({ state: 'succeeded', step: 'done', oldCertificateId: before });
      const now = await platform.rpc.send(Subjects.GetCredential, { credentialId: provider.id });
      expect(now.activeCertificate.id).toBe(view.newCertificateId);
      expect(now.activeCertificate.id).not.toBe(before);
      expect(now.certificates.find((certificate) => certificate.id === before)?.state).toBe('retired');
      expect(registeredThumbprints()).toEqual([now.activeCertificate.thumbprintSha1]);
    } finally {
      await load.stop();
    }
    expect(load.failures).toEqual([]);
    expect(load.successes).toBeGreaterThan(0);
    // A fresh token with the new certificate, after the old key is gone.
    const test = await platform.rpc.send(
      Subjects.TestCredential,
      { credentialId: provider.id },
      { timeoutMs: 30_000 },
    );
    expect(test.ok).toBe(true);
  });
});
