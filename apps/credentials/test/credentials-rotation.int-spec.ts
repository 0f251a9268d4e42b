import { Subjects, type CredentialView } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import { waitFor } from '@archive365/testing';
import { Client } from 'pg';
import { RetiredKeyPurge } from '../src/vault';
import { ARCHIVE_APP, TENANT_ID } from './support/tenant-fixture';
import { CredentialsHarness, INSTANCE } from './support/credentials-harness';

const DAY = 86_400_000;

/**
 * Rotation with overlap: while a steady stream of token requests runs, the next certificate is
 * created, refused until uploaded, proven, promoted, and the old one retired and removed from the
 * app registration. Not one token request may fail.
 */
describe('credentials: certificate rotation keeps tokens flowing', () => {
  let harness: CredentialsHarness;
  let credential: CredentialView;

  beforeAll(async () => {
    harness = await CredentialsHarness.start();
    credential = await harness.rpc.rpc.send(Subjects.CreateCredential, {
      instanceAlias: INSTANCE,
      name: 'Rotating',
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_ID,
      certificate: { validityMonths: 3 },
    });
    const der = await harness.rpc.rpc.send(Subjects.DownloadCertificate, {
      credentialId: credential.id,
      format: 'der',
    });
    await harness.uploadCertificate(ARCHIVE_APP.objectId, der.contentBase64, 'first');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('rotates with no failed token request, and uses the new certificate afterwards', async () => {
    const first = credential.activeCertificate;
    const tokenRequestsBefore = harness.emulator.requests.token;
    const load = startTokenLoad(harness, credential.id);
    try {
      const started = await harness.rpc.rpc.send(Subjects.StartRotation, { credentialId: credential.id });
      const pending = started.certificates.find((certificate) => certificate.state === 'pending');
      expect(pending).toBeDefined();
      expect(started.activeCertificate.id).toBe(first.id);

      // Not uploaded yet: the proof fails with the AADSTS code and the active certificate stays.
      const refused = await harness.rpc.rpc
        .send(Subjects.CompleteRotation, { credentialId: credential.id })
        .catch((e: unknown) => e as RpcCallError);
      expect(refused).toBeInstanceOf(RpcCallError);
      expect((refused as RpcCallError).body.reason).toBe('AADSTS700027');
      expect(
        (await harness.rpc.rpc.send(Subjects.GetCredential, { credentialId: credential.id }))
          .activeCertificate.id,
      ).toBe(first.id);

      const next = await harness.rpc.rpc.send(Subjects.DownloadCertificate, {
        credentialId: credential.id,
        format: 'der',
        which: 'pending',
      });
      expect(next.thumbprintSha1).toBe(pending?.thumbprintSha1);
      await harness.uploadCertificate(ARCHIVE_APP.objectId, next.contentBase64, 'second');

      // Real token requests (no cache) signed with the first certificate, right up to the switch.
      await load.realRequestsAfter(Date.now(), 3);
      const completed = await harness.rpc.rpc.send(Subjects.CompleteRotation, {
        credentialId: credential.id,
      });
      const switchedAt = Date.now();
      expect(completed.activeCertificate.id).toBe(pending?.id);
      expect(completed.activeCertificate.provenAt).toBeDefined();
      expect(completed.certificates.find((certificate) => certificate.id === first.id)?.state).toBe(
        'retiring',
      );

      const retired = await harness.rpc.rpc.send(Subjects.RetireCertificate, { credentialId: credential.id });
      expect(retired.certificates.find((certificate) => certificate.id === first.id)?.state).toBe('retired');
      // ... and with the new one after it, also once the old one is gone from the app registration.
      await load.realRequestsAfter(switchedAt, 3);
      await harness.removeCertificate(ARCHIVE_APP.objectId, first.thumbprintSha1);
      await load.realRequestsAfter(Date.now(), 3);
    } finally {
      await load.stop();
    }
    expect(load.failures).toEqual([]);
    expect(load.successes).toBeGreaterThan(20);
    // Each real request reached the token endpoint: the load was not served from the cache alone.
    expect(harness.emulator.requests.token - tokenRequestsBefore).toBeGreaterThanOrEqual(
      load.realRequests.length,
    );

    // With only the new certificate registered, a fresh token request (service restarted: no cache) works.
    await harness.service.stop();
    await harness.startService();
    const token = await harness.rpc.rpc.send(Subjects.AcquireGraphToken, {
      credentialId: credential.id,
    });
    expect(token.accessToken.split('.')).toHaveLength(3);
  });

  it('erases the private key of a retired certificate after the grace period, keeping the certificate', async () => {
    const view = await harness.rpc.rpc.send(Subjects.GetCredential, { credentialId: credential.id });
    const retired = view.certificates.find((certificate) => certificate.state === 'retired');
    expect(retired).toBeDefined();
    const sealedKeyOf = async (certificateId: string) => {
      const db = new Client({ connectionString: harness.database.url });
      await db.connect();
      try {
        return (
          await db.query<{ sealed_private_key: string }>(
            'SELECT sealed_private_key FROM certificates WHERE id = $1',
            [certificateId],
          )
        ).rows[0].sealed_private_key;
      } finally {
        await db.end();
      }
    };
    const purge = harness.service.app.get(RetiredKeyPurge);
    const graceDays = harness.service.config.RETIRED_KEY_GRACE_DAYS;
    // Within the grace period the key stays (a retirement can still be undone by hand) ...
    expect(await purge.purge(new Date(Date.now() + (graceDays - 1) * DAY))).toBe(0);
    expect(await sealedKeyOf(retired?.id ?? '')).toMatch(/^v1\./);
    // ... after it, only the key goes; the certificate and its history stay.
    expect(await purge.purge(new Date(Date.now() + (graceDays + 1) * DAY))).toBe(1);
    expect(await sealedKeyOf(retired?.id ?? '')).toBe('');
    expect(await sealedKeyOf(view.activeCertificate.id)).toMatch(/^v1\./);
    const after = await harness.rpc.rpc.send(Subjects.GetCredential, { credentialId: credential.id });
    expect(after.certificates.map((certificate) => certificate.id)).toContain(retired?.id);
    // The vault's start-up checks skip erased keys, and tokens still come with the active one.
    await harness.service.stop();
    await harness.startService();
    const token = await harness.rpc.rpc.send(Subjects.TestCredential, { credentialId: credential.id });
    expect(token.ok).toBe(true);
  });

  it('refuses rotation steps that do not fit, saying what to do', async () => {
    const noRotation = await harness.rpc.rpc
      .send(Subjects.CompleteRotation, { credentialId: credential.id })
      .catch((e: unknown) => e as RpcCallError);
    expect((noRotation as RpcCallError).body).toMatchObject({
      code: 'CONFLICT',
      reason: 'ROTATION_STEP_INVALID',
    });
    expect((noRotation as RpcCallError).body.message).toContain('no rotation is under way');

    await harness.rpc.rpc.send(Subjects.StartRotation, { credentialId: credential.id });
    const twice = await harness.rpc.rpc
      .send(Subjects.StartRotation, { credentialId: credential.id })
      .catch((e: unknown) => e as RpcCallError);
    expect((twice as RpcCallError).body.message).toMatch(/already under way/);
    const aborted = await harness.rpc.rpc.send(Subjects.AbortRotation, { credentialId: credential.id });
    expect(aborted.certificates.filter((certificate) => certificate.state === 'pending')).toHaveLength(0);
  });
});

interface TokenLoad {
  successes: number;
  failures: string[];
  /** When each real token request (the credential test: no cache, a fresh client) succeeded. */
  realRequests: number[];
  /** Resolves once `count` real token requests succeeded after `since` (epoch ms). */
  realRequestsAfter(since: number, count: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Token requests back to back (four at a time), as services under load would send them: three
 * workers get cached app tokens, one tests the credential, which makes a real token request to Entra
 * ID every time, so certificates are exercised while they switch.
 */
function startTokenLoad(harness: CredentialsHarness, credentialId: string): TokenLoad {
  let running = true;
  const load: TokenLoad = {
    successes: 0,
    failures: [],
    realRequests: [],
    realRequestsAfter: (since, count) =>
      waitFor(
        `${count} real token requests`,
        async () => (load.realRequests.filter((at) => at > since).length >= count ? true : undefined),
        30_000,
      ).then(() => undefined),
    stop: async () => undefined,
  };
  const worker = async (real: boolean) => {
    while (running) {
      try {
        if (real) {
          await harness.rpc.rpc.send(Subjects.TestCredential, { credentialId });
          load.realRequests.push(Date.now());
        } else {
          await harness.rpc.rpc.send(Subjects.AcquireGraphToken, { credentialId });
        }
        load.successes++;
      } catch (error) {
        load.failures.push(error instanceof Error ? error.message : String(error));
      }
      // Paces the load (about a hundred requests a second), not a wait for anything.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const workers = [true, false, false, false].map(worker);
  load.stop = async () => {
    running = false;
    await Promise.all(workers);
  };
  return load;
}
