import { Subjects, type CredentialView } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import { ARCHIVE_APP, TENANT_ID } from './support/tenant-fixture';
import { CredentialsHarness, INSTANCE } from './support/credentials-harness';

/**
 * The provider's multi-tenant app's credential: it belongs to no instance, is listed apart from the
 * instances' credentials, gets tokens in the tenant the caller names, and rotates like any other.
 * (The fixture's app stands in for the provider's: what matters here is whose credential it is.)
 */
describe('credentials: the provider-level credential', () => {
  let harness: CredentialsHarness;
  let provider: CredentialView;

  beforeAll(async () => {
    harness = await CredentialsHarness.start();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('is created without an instance and listed apart from the instances’ credentials', async () => {
    const request = {
      name: 'Provider app',
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_ID,
      idempotencyKey: 'provider-app-0001',
    };
    provider = await harness.rpc.rpc.send(Subjects.CreateProviderCredential, request, { timeoutMs: 30_000 });
    expect(provider).toMatchObject({ owner: 'provider', clientId: ARCHIVE_APP.appId, tenantId: TENANT_ID });
    expect(provider).not.toHaveProperty('instanceAlias');
    expect(JSON.stringify(provider)).not.toMatch(/PRIVATE KEY|sealed/i);

    // A retry under the same key answers the same credential; another request under it is refused.
    const retry = await harness.rpc.rpc.send(Subjects.CreateProviderCredential, request);
    expect(retry.id).toBe(provider.id);
    const reused = await harness.rpc.rpc
      .send(Subjects.CreateProviderCredential, { ...request, name: 'Another app' })
      .catch((error: unknown) => error as RpcCallError);
    expect((reused as RpcCallError).body).toMatchObject({ reason: 'IDEMPOTENCY_KEY_REUSED' });

    const own = await harness.rpc.rpc.send(Subjects.CreateCredential, {
      instanceAlias: INSTANCE,
      name: 'Fabrikam archive',
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_ID,
      // The same key in an instance is another owner's key: a credential of its own.
      idempotencyKey: 'provider-app-0001',
    });
    expect(own).toMatchObject({ owner: 'instance', instanceAlias: INSTANCE });

    const providers = await harness.rpc.rpc.send(Subjects.ListProviderCredentials, {});
    expect(providers.map((credential) => credential.id)).toEqual([provider.id]);
    const ofApp = await harness.rpc.rpc.send(Subjects.ListProviderCredentials, {
      clientId: 'c0ffee00-0000-4000-8000-0000000000aa',
    });
    expect(ofApp).toEqual([]);
    const instances = await harness.rpc.rpc.send(Subjects.ListCredentials, { instanceAlias: INSTANCE });
    expect(instances.map((credential) => credential.id)).toEqual([own.id]);
    const read = await harness.rpc.rpc.send(Subjects.GetCredential, { credentialId: provider.id });
    expect(read).toMatchObject({ id: provider.id, owner: 'provider' });
    expect(read).not.toHaveProperty('instanceAlias');
  });

  it('gets tokens in the tenant the caller names, and rotates its certificate with overlap', async () => {
    await harness.uploadCertificate(
      ARCHIVE_APP.objectId,
      (await harness.rpc.rpc.send(Subjects.DownloadCertificate, { credentialId: provider.id, format: 'der' }))
        .contentBase64,
      'provider first',
    );
    const token = await harness.rpc.rpc.send(Subjects.AcquireGraphToken, {
      credentialId: provider.id,
      tenantId: TENANT_ID,
    });
    const claims = JSON.parse(Buffer.from(token.accessToken.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ tid: TENANT_ID, appid: ARCHIVE_APP.appId });

    const started = await harness.rpc.rpc.send(
      Subjects.StartRotation,
      { credentialId: provider.id },
      { timeoutMs: 30_000 },
    );
    const pending = started.certificates.find((certificate) => certificate.state === 'pending');
    expect(pending).toBeDefined();
    await harness.uploadCertificate(
      ARCHIVE_APP.objectId,
      (
        await harness.rpc.rpc.send(Subjects.DownloadCertificate, {
          credentialId: provider.id,
          format: 'der',
          which: 'pending',
        })
      ).contentBase64,
      'provider next',
    );
    const completed = await harness.rpc.rpc.send(Subjects.CompleteRotation, { credentialId: provider.id });
    expect(completed).toMatchObject({ owner: 'provider', activeCertificate: { id: pending?.id } });
    expect(completed).not.toHaveProperty('instanceAlias');
  });
});
