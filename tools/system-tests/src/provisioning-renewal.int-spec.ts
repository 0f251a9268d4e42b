import { createHash } from 'node:crypto';
import { Subjects, type RenewalStep, type RenewalView, type SetupView } from '@archive365/contracts';
import { waitFor } from '@archive365/testing';
import { CUSTOMER_TENANT } from './provisioning/customer-tenant';
import { ProvisioningPlatform } from './provisioning/provisioning-platform';
import { startTokenLoad } from './provisioning/token-load';

const DAY = 86_400_000;

/**
 * Issue 17: the certificate renewed on the app registration by the platform (addKey with a proof by
 * the active certificate, a real token with the new one, removeKey with a proof by the new one, the old
 * one retired), under a steady token load, after a stop at every step, and refused with its fix.
 */
describe('provisioning: certificate renewal on the app registration', () => {
  let platform: ProvisioningPlatform;
  let setup: SetupView;

  const app = () => {
    const found = platform.emulator.store
      .tenant(CUSTOMER_TENANT)
      ?.apps.applicationByAppId(setup.clientId ?? '');
    if (!found) throw new Error('no app');
    return found;
  };
  const registeredThumbprints = () =>
    (app().keyCredentials ?? []).map((key) =>
      createHash('sha1')
        .update(Buffer.from(key.key ?? '', 'base64'))
        .digest('hex')
        .toUpperCase(),
    );
  const credential = () =>
    platform.rpc.send(Subjects.GetCredential, { credentialId: setup.credentialId ?? '' });
  const renewal = () =>
    platform.rpc.send(Subjects.GetRenewal, { credentialId: setup.credentialId ?? '' }, { timeoutMs: 20_000 });
  const settled = (timeoutMs = 45_000) =>
    waitFor(
      'the renewal to end',
      async () => {
        const view = await renewal();
        return view.state === 'running' ? undefined : view;
      },
      timeoutMs,
    );

  /** The end state every renewal must reach: the new certificate in use, and it alone on the app. */
  async function expectRenewed(view: RenewalView, previousActive: string): Promise<void> {
    expect(view.problem).toBeUndefined();
    expect(view).toMatchObject({ state: 'succeeded', step: 'done', oldCertificateId: previousActive });
    const now = await credential();
    expect(now.activeCertificate.id).toBe(view.newCertificateId);
    expect(now.certificates.find((certificate) => certificate.id === previousActive)?.state).toBe('retired');
    expect(now.certificates.filter((certificate) => certificate.state === 'pending')).toEqual([]);
    expect(registeredThumbprints()).toEqual([now.activeCertificate.thumbprintSha1]);
    const test = await platform.rpc.send(
      Subjects.TestCredential,
      { credentialId: now.id },
      { timeoutMs: 30_000 },
    );
    expect(test.roles.length).toBeGreaterThan(0);
  }

  beforeAll(async () => {
    platform = await ProvisioningPlatform.start({ RENEWAL_SWEEP_INTERVAL_MS: '500' });
    await platform.createInstance('litware');
    setup = await platform.automaticSetup('litware', { options: { mailAccess: 'none' } });
    expect(setup.state).toBe('succeeded');
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('renews under a steady token load with no failed token request, leaving exactly one key', async () => {
    const before = (await credential()).activeCertificate.id;
    const load = startTokenLoad(platform, setup.credentialId ?? '', 4);
    try {
      const started = await platform.rpc.send(Subjects.StartRenewal, {
        credentialId: setup.credentialId ?? '',
      });
      expect(started).toMatchObject({ state: 'running', trigger: 'request' });
      await expectRenewed(await settled(), before);
    } finally {
      await load.stop();
    }
    expect(load.failures).toEqual([]);
    expect(load.successes).toBeGreaterThan(10);
  });

  const steps: RenewalStep[] = ['add-key', 'prove-and-switch', 'remove-old-key', 'retire-old-certificate'];
  it.each(steps)(
    'stopped when "%s" is next, resumes after the restart to the same end state',
    async (step) => {
      const before = (await credential()).activeCertificate.id;
      await platform.rpc.send(Subjects.StartRenewal, { credentialId: setup.credentialId ?? '' });
      // Stop the service as soon as the renewal reached the step (it stops between steps).
      await waitFor(
        `the renewal to reach ${step}`,
        async () => {
          const view = await renewal();
          return view.step === step || view.state !== 'running' ? view : undefined;
        },
        30_000,
      );
      await platform.platform.stop('provisioning');
      // While it is down, tokens keep coming with whichever certificate is active.
      const meanwhile = await platform.rpc.send(
        Subjects.TestCredential,
        { credentialId: setup.credentialId ?? '' },
        { timeoutMs: 30_000 },
      );
      expect(meanwhile.ok).toBe(true);
      await platform.platform.start('provisioning');
      await expectRenewed(await settled(), before);
    },
  );

  it('a connection cut after addKey and after removeKey: retried, recognised, one key at the end', async () => {
    const before = (await credential()).activeCertificate.id;
    const objectId = app().id ?? '';
    platform.emulator.faults.add({
      kind: 'cutConnection',
      pathPrefix: `/v1.0/applications/${objectId}/addKey`,
      times: 1,
    });
    platform.emulator.faults.add({
      kind: 'cutConnection',
      pathPrefix: `/v1.0/applications/${objectId}/removeKey`,
      times: 1,
    });
    await platform.rpc.send(Subjects.StartRenewal, { credentialId: setup.credentialId ?? '' });
    const done = await settled();
    await expectRenewed(done, before);
    expect(done.attempts).toBeGreaterThan(5);
  });

  it('starts by itself on the 60-day credential.expiring event', async () => {
    const before = await credential();
    const { Events } = await import('@archive365/contracts');
    const { EventPublisher } = await import('@archive365/messaging');
    const publisher = new EventPublisher(platform.caller.nats, {
      servers: [platform.platform.ns.natsUrl],
      namespace: platform.platform.ns.namespace,
      serviceName: 'credentials',
    });
    await publisher.publish(Events.CredentialExpiring, {
      credentialId: before.id,
      instanceAlias: 'litware',
      certificateId: before.activeCertificate.id,
      thumbprintSha1: before.activeCertificate.thumbprintSha1,
      notAfter: before.activeCertificate.notAfter,
      daysLeft: 60,
    });
    const started = await waitFor('a renewal started by the event', async () => {
      const view = await renewal();
      return view.trigger === 'expiring' ? view : undefined;
    });
    expect(started.trigger).toBe('expiring');
    await expectRenewed(await settled(), before.activeCertificate.id);
  });

  // Last: the certificate it leaves was uploaded by hand, so its key id is not known to this service.
  it('refused addKey (the active certificate expired on the app registration): reported with its fix, then finished after it', async () => {
    const before = await credential();
    // The app registration's key of the active certificate has run out: no valid certificate can prove.
    const key = (app().keyCredentials ?? [])[0];
    if (!key) throw new Error('no key');
    const savedEnd = key.endDateTime;
    key.endDateTime = new Date(Date.now() - DAY).toISOString();
    await platform.rpc.send(Subjects.StartRenewal, { credentialId: before.id });
    const refused = await settled();
    expect(refused.state).toBe('failed');
    expect(refused.step).toBe('add-key');
    expect(refused.problem).toMatchObject({ code: 'PROOF_REJECTED' });
    expect(refused.problem?.fix).toContain('Upload the new certificate by hand');

    // The administrator does what the fix says: uploads the pending certificate, then starts again.
    key.endDateTime = savedEnd;
    const pending = await platform.rpc.send(Subjects.DownloadCertificate, {
      credentialId: before.id,
      format: 'der',
      which: 'pending',
    });
    app().keyCredentials = [
      ...(app().keyCredentials ?? []),
      {
        keyId: '9b9b9b9b-0000-4000-8000-000000000001',
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        key: pending.contentBase64,
        customKeyIdentifier: Buffer.from(pending.thumbprintSha1, 'hex').toString('base64'),
        startDateTime: new Date(Date.now() - DAY).toISOString(),
        endDateTime: new Date(Date.now() + 300 * DAY).toISOString(),
      },
    ];
    await platform.rpc.send(Subjects.StartRenewal, { credentialId: before.id });
    await expectRenewed(await settled(), before.activeCertificate.id);
  });
});
