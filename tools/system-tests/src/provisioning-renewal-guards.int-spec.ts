import { Subjects, type SetupView } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import { waitFor } from '@archive365/testing';
import { DataSource } from 'typeorm';
import { Renewal } from '../../../apps/provisioning/src/persistence/renewal.entity';
import { CUSTOMER_TENANT } from './provisioning/customer-tenant';
import { ProvisioningPlatform } from './provisioning/provisioning-platform';

const CONCURRENT_STARTS = 10;

/** Renewal bookkeeping: what it needs to start, and one renewal per credential however often it is asked. */
describe('provisioning: certificate renewal, one per credential', () => {
  let platform: ProvisioningPlatform;
  let setup: SetupView;

  beforeAll(async () => {
    platform = await ProvisioningPlatform.start({ RENEWAL_SWEEP_INTERVAL_MS: '500' });
    await platform.createInstance('litware');
    setup = await platform.automaticSetup('litware', { options: { mailAccess: 'none' } });
    expect(setup.state).toBe('succeeded');
  });

  afterAll(async () => {
    await platform?.close();
  });

  function provisioningDatabase(): DataSource {
    return platform.platform.service('provisioning').app.get(DataSource);
  }

  it('needs the app registration: a credential set up elsewhere is refused with the field to give', async () => {
    const stranger = await platform.rpc.send(
      Subjects.CreateCredential,
      {
        instanceAlias: 'litware',
        name: 'imported elsewhere',
        clientId: setup.clientId ?? '',
        tenantId: CUSTOMER_TENANT,
      },
      { timeoutMs: 30_000 },
    );
    const refused = await platform.rpc
      .send(Subjects.StartRenewal, { credentialId: stranger.id })
      .catch((error: unknown) => error as RpcCallError);
    expect((refused as RpcCallError).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      reason: 'NOT_CONFIGURED',
      field: 'applicationObjectId',
    });
    const none = await platform.rpc
      .send(Subjects.GetRenewal, { credentialId: stranger.id })
      .catch((error: unknown) => error as RpcCallError);
    expect((none as RpcCallError).body).toMatchObject({ code: 'NOT_FOUND', reason: 'RENEWAL_NOT_FOUND' });
  });

  it('answers concurrent starts with the same renewal, which creates exactly one next certificate', async () => {
    const credentialId = setup.credentialId ?? '';
    const before = await platform.rpc.send(Subjects.GetCredential, { credentialId });
    const earlier = new Set(before.certificates.map((certificate) => certificate.id));
    const views = await Promise.all(
      Array.from({ length: CONCURRENT_STARTS }, () =>
        platform.rpc.send(Subjects.StartRenewal, { credentialId }, { timeoutMs: 30_000 }),
      ),
    );
    expect(new Set(views.map((view) => view.id)).size).toBe(1);
    expect(views[0]?.trigger).toBe('request');
    const rows = await provisioningDatabase().getRepository(Renewal).findBy({ credentialId });
    expect(rows.map((row) => row.id)).toEqual([views[0]?.id]);
    // A new RSA key: seconds on a quiet machine, many more on a busy one.
    const past = await waitFor(
      'the next certificate',
      async () => {
        const view = await platform.rpc.send(Subjects.GetRenewal, { credentialId });
        return view.step !== 'create-certificate' ? view : undefined;
      },
      60_000,
    );
    expect(past.newCertificateId).toBeDefined();
    const credential = await platform.rpc.send(Subjects.GetCredential, { credentialId });
    // Exactly one certificate more than before, the renewal's. It is pending, or already active when the
    // renewal got past proving and switching before this read (on a busy machine it can).
    const created = credential.certificates.filter((certificate) => !earlier.has(certificate.id));
    expect(created.map((certificate) => certificate.id)).toEqual([past.newCertificateId]);
    expect(['pending', 'active']).toContain(created[0]?.state);
    // Asked again while it runs: the same renewal.
    const again = await platform.rpc.send(Subjects.StartRenewal, { credentialId });
    expect(again.id).toBe(past.id);
  });
});
