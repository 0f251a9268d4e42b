import { randomUUID } from 'node:crypto';
import forge from 'node-forge';
import { Subjects } from '@archive365/contracts';
import { processEnvironment } from '@archive365/config';
import { RpcCallError, sendSealedImport } from '@archive365/messaging';
import { startTestService, waitFor } from '@archive365/testing';
import { DataSource } from 'typeorm';
import { credentialsService } from '../src/app/service.definition';
import { generateCertificate, type CertificateMaterial } from '../src/certificates';
import { ExpiryMonitor } from '../src/expiry';
import { CredentialsRepository } from '../src/store';
import { ARCHIVE_APP, TENANT_ID, UNCONSENTED_APP } from './support/tenant-fixture';
import { CredentialsHarness, INSTANCE } from './support/credentials-harness';

const refusal = (error: unknown): RpcCallError => {
  if (error instanceof RpcCallError) return error;
  throw error;
};
const accepted = (): never => {
  throw new Error('the request was accepted');
};

/**
 * What an import or a create must never do: stall the service, write twice on a retry, or leave
 * secrets where they need not be; and what the service must say clearly.
 */
describe('credentials: safe imports and creates, key hygiene, clear words', () => {
  let harness: CredentialsHarness;
  let material: CertificateMaterial;

  beforeAll(async () => {
    harness = await CredentialsHarness.start();
    material = await generateCertificate({ commonName: 'Imported once' });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const importPem = (name: string, extra: { idempotencyKey?: string } = {}) =>
    sendSealedImport(harness.rpc.rpc, {
      instanceAlias: INSTANCE,
      name,
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_ID,
      certificatePem: material.certificatePem,
      privateKeyPem: material.privateKeyPem,
      ...extra,
    });
  const names = async () =>
    (await harness.rpc.rpc.send(Subjects.ListCredentials, { instanceAlias: INSTANCE })).map((c) => c.name);

  it('keeps answering token requests at their usual latency while it decodes hostile imports', async () => {
    const credential = await harness.rpc.rpc.send(Subjects.CreateCredential, {
      instanceAlias: INSTANCE,
      name: 'Busy',
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_ID,
    });
    const der = await harness.rpc.rpc.send(Subjects.DownloadCertificate, {
      credentialId: credential.id,
      format: 'der',
    });
    await harness.uploadCertificate(ARCHIVE_APP.objectId, der.contentBase64, 'busy');
    const acquire = () => harness.rpc.rpc.send(Subjects.AcquireGraphToken, { credentialId: credential.id });
    await acquire();

    // A PFX asking for just under the limit of key derivations, with a MAC that will not verify:
    // all the work is done, and then refused. Decoding it in the event loop stalled everything.
    const hostile = hostilePfx(material, 190_000);
    let importing = true;
    const latencies: number[] = [];
    const load = (async () => {
      while (importing) {
        const started = performance.now();
        await acquire();
        latencies.push(performance.now() - started);
      }
    })();
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: 3 }, (_, index) =>
        sendSealedImport(harness.rpc.rpc, {
          instanceAlias: INSTANCE,
          name: `Hostile ${index}`,
          clientId: ARCHIVE_APP.appId,
          tenantId: TENANT_ID,
          pfxBase64: hostile,
          pfxPassword: 'pass',
        }),
      ),
    );
    const importWindow = performance.now() - started;
    importing = false;
    await load;

    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect(refusal((result as PromiseRejectedResult).reason).body.reason).toBe('WRONG_PASSWORD');
    }
    // Tokens kept flowing during the whole decoding, none waiting on it.
    expect(latencies.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...latencies)).toBeLessThan(importWindow / 3);
  });

  it('imports a certificate once per instance: the same import again answers the same credential', async () => {
    const first = await importPem('Imported once');
    const again = await importPem('Imported once');
    expect(again.id).toBe(first.id);

    const other = await importPem('Another name').then(accepted, refusal);
    expect(other.body).toMatchObject({
      code: 'CONFLICT',
      reason: 'CERTIFICATE_ALREADY_IMPORTED',
      field: 'certificatePem',
    });
    expect(other.body.message).toContain(first.id);
    expect((await names()).filter((name) => name === 'Imported once')).toHaveLength(1);
    expect(await names()).not.toContain('Another name');
  });

  it('creates once per idempotency key, and refuses the key for a different request', async () => {
    const idempotencyKey = randomUUID();
    const create = (name: string) =>
      harness.rpc.rpc.send(Subjects.CreateCredential, {
        instanceAlias: INSTANCE,
        name,
        clientId: ARCHIVE_APP.appId,
        tenantId: TENANT_ID,
        idempotencyKey,
      });
    // Two attempts at once, as a client retrying after a timeout while the first still runs.
    const [one, two] = await Promise.all([create('Retried'), create('Retried')]);
    expect(two.id).toBe(one.id);
    expect((await create('Retried')).id).toBe(one.id);
    expect((await names()).filter((name) => name === 'Retried')).toHaveLength(1);

    const misuse = await create('Something else').then(accepted, refusal);
    expect(misuse.body).toMatchObject({
      code: 'CONFLICT',
      reason: 'IDEMPOTENCY_KEY_REUSED',
      field: 'idempotencyKey',
    });
  });

  it('says that admin consent is missing, and how to grant it, when the token has no roles', async () => {
    const credential = await harness.rpc.rpc.send(Subjects.CreateCredential, {
      instanceAlias: INSTANCE,
      name: 'Not consented',
      clientId: UNCONSENTED_APP.appId,
      tenantId: TENANT_ID,
    });
    const der = await harness.rpc.rpc.send(Subjects.DownloadCertificate, {
      credentialId: credential.id,
      format: 'der',
    });
    await harness.uploadCertificate(UNCONSENTED_APP.objectId, der.contentBase64, 'no consent');
    const tested = await harness.rpc.rpc.send(Subjects.TestCredential, { credentialId: credential.id });
    expect(tested.roles).toEqual([]);
    expect(tested.warnings).toEqual([
      expect.objectContaining({
        code: 'ADMIN_CONSENT_MISSING',
        message: expect.stringContaining('admin consent has not been granted'),
        hint: expect.stringContaining(`adminconsent?client_id=${UNCONSENTED_APP.appId}`),
      }),
    ]);
  });

  it('refuses to start with an unknown CREDENTIALS_ACTIVE_MASTER_KEY, naming the variable', async () => {
    const failure = await startTestService(
      credentialsService,
      harness.serviceEnv({ CREDENTIALS_ACTIVE_MASTER_KEY: 'k7' }),
    ).then(
      () => new Error('started'),
      (error: unknown) => error as Error,
    );
    expect(failure.name).toBe('ConfigError');
    expect(failure.message).toContain('CREDENTIALS_ACTIVE_MASTER_KEY');
    expect(failure.message).toContain('"k7"');
    expect(failure.message).not.toContain(harness.masterKeys.split(':')[1]);
  });

  it('holds the master keys once: gone from the environment and the configuration after start-up', async () => {
    // As in production, where the configuration is read from the process environment.
    const environment = processEnvironment();
    environment['CREDENTIALS_MASTER_KEYS'] = harness.masterKeys;
    try {
      const replica = await startTestService(credentialsService, {
        ...harness.serviceEnv(),
        CREDENTIALS_MASTER_KEYS: environment['CREDENTIALS_MASTER_KEYS'],
      });
      try {
        // It started, so the vault read the keys and proved them against the stored canary ...
        expect(environment['CREDENTIALS_MASTER_KEYS']).toBeUndefined();
        // ... and they are nowhere else to be found.
        expect(replica.config.CREDENTIALS_MASTER_KEYS).toBe('');
        expect(JSON.stringify(replica.config)).not.toContain(harness.masterKeys.split(':')[1]);
      } finally {
        await replica.stop();
      }
    } finally {
      delete environment['CREDENTIALS_MASTER_KEYS'];
    }
  });

  it('stops the expiry monitor before the database closes: a check under way finishes', async () => {
    const service = await startTestService(credentialsService, harness.serviceEnv());
    const expiring = await harness.rpc.rpc.send(Subjects.CreateCredential, {
      instanceAlias: INSTANCE,
      name: 'Expiring at shutdown',
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_ID,
      certificate: { validityMonths: 1 },
    });
    const dataSource = service.app.get(DataSource);
    const repository = service.app.get(CredentialsRepository);
    // Hold the check inside its database work until the shutdown has had every chance to close it.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const record = repository.recordExpiryNotices.bind(repository);
    jest.spyOn(repository, 'recordExpiryNotices').mockImplementation(async (...args) => {
      await gate;
      return record(...args);
    });
    const monitor = service.app.get(ExpiryMonitor);
    const failures = jest.spyOn(monitor['logger'], 'error');
    const tick = monitor.tick();
    const stopping = service.stop();
    // Closed, had the shutdown not waited; still open after a generous while, since it does.
    await waitFor(
      'the database to close',
      async () => (dataSource.isInitialized ? undefined : true),
      1500,
    ).catch(() => undefined);
    release();
    await Promise.all([tick, stopping]);
    expect(failures).not.toHaveBeenCalled();
    expect(expiring.activeCertificate.notAfter).toBeDefined();
  });
});

/** A PFX (3DES, as Windows exports it) whose MAC asks for `iterations` derivations and then fails. */
function hostilePfx(material: CertificateMaterial, iterations: number): string {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(material.privateKeyPem),
    [forge.pki.certificateFromPem(material.certificatePem)],
    'pass',
    { algorithm: '3des' },
  );
  const macData = (asn1.value as forge.asn1.Asn1[])[2];
  (macData.value as forge.asn1.Asn1[])[2].value = forge.asn1.integerToDer(iterations).getBytes();
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary').toString('base64');
}
