import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import { Client } from 'pg';
import { Events, Subjects, type CredentialExpiringEvent, type EventEnvelope } from '@archive365/contracts';
import { RpcCallError, sendSealedImport } from '@archive365/messaging';
import { startTestService } from '@archive365/testing';
import { credentialsService } from '../src/app/service.definition';
import { ExpiryMonitor } from '../src/expiry';
import { generateCertificate } from '../src/certificates';
import { ARCHIVE_APP, TENANT_ID } from './support/tenant-fixture';
import { CredentialsHarness, INSTANCE, masterKey } from './support/credentials-harness';

const DAY = 86_400_000;

describe('credentials: keys at rest, master keys, import, expiry notices', () => {
  let harness: CredentialsHarness;

  beforeAll(async () => {
    harness = await CredentialsHarness.start();
  });

  afterAll(async () => {
    await harness?.close();
  });

  const create = (name: string, validityMonths = 15) =>
    harness.rpc.rpc.send(Subjects.CreateCredential, {
      instanceAlias: INSTANCE,
      name,
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_ID,
      certificate: { validityMonths },
    });

  it('stores no private key in clear: every text column of every table is free of PEM keys', async () => {
    await create('At rest');
    const db = new Client({ connectionString: harness.database.url });
    await db.connect();
    try {
      const tables = await db.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      let cells = 0;
      for (const { table_name } of tables.rows) {
        for (const row of (await db.query(`SELECT * FROM "${table_name}"`)).rows as Record<
          string,
          unknown
        >[]) {
          for (const value of Object.values(row)) {
            cells++;
            expect(String(value)).not.toMatch(/PRIVATE KEY|MII[EJ][A-Za-z0-9+/]{20}/);
          }
        }
      }
      expect(cells).toBeGreaterThan(20);
      const sealed = await db.query<{ sealed_private_key: string }>(
        'SELECT sealed_private_key FROM certificates',
      );
      expect(sealed.rows[0].sealed_private_key).toMatch(/^v1\.k1\./);
    } finally {
      await db.end();
    }
  });

  it('refuses to start with a wrong master key, with a clear message and no garbage', async () => {
    await harness.service.stop();
    const wrong = masterKey('k1');
    const failure = await startTestService(
      credentialsService,
      harness.serviceEnv({ CREDENTIALS_MASTER_KEYS: wrong }),
    ).catch((e: unknown) => e as Error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(
      /master key "k1" is not the key the stored credentials were sealed with/,
    );
    expect((failure as Error).message).not.toContain(wrong.split(':')[1]);

    const unknown = await startTestService(
      credentialsService,
      harness.serviceEnv({ CREDENTIALS_MASTER_KEYS: masterKey('k9') }),
    ).catch((e: unknown) => e as Error);
    expect((unknown as Error).message).toMatch(/sealed with master key "k1", which is not configured/);
    await harness.startService();
  });

  it('rotates the master key across a rolling update: every key ends up under the new one', async () => {
    const sealedKeyIds = async () => {
      const db = new Client({ connectionString: harness.database.url });
      await db.connect();
      const rows = (
        await db.query<{ sealed_private_key: string }>('SELECT sealed_private_key FROM certificates')
      ).rows;
      await db.end();
      return rows.map((row) => row.sealed_private_key.split('.')[1]);
    };
    const oldReplica = harness.service; // still configured with k1 only
    const both = `${masterKey('k2')},${harness.masterKeys}`;
    const newReplica = await startTestService(
      credentialsService,
      harness.serviceEnv({ CREDENTIALS_MASTER_KEYS: both, CREDENTIALS_ACTIVE_MASTER_KEY: 'k2' }),
    );
    expect(new Set(await sealedKeyIds())).toEqual(new Set(['k2']));
    await newReplica.stop();

    // The old replica, not yet updated, still seals new keys with k1.
    await harness.rpc.rpc.send(Subjects.CreateCredential, {
      instanceAlias: INSTANCE,
      name: 'During rollout',
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_ID,
    });
    expect(await sealedKeyIds()).toContain('k1');
    // Removing k1 now would lose that key: the service refuses to start, naming it.
    await oldReplica.stop();
    const premature = await startTestService(
      credentialsService,
      harness.serviceEnv({ CREDENTIALS_MASTER_KEYS: both.split(',')[0] }),
    ).catch((e: unknown) => e as Error);
    expect((premature as Error).message).toMatch(
      /sealed with master key\(s\) "k1" \(1 keys\), which are not configured/,
    );

    // The next start with both keys rewraps it; then k1 can go.
    await (
      await startTestService(
        credentialsService,
        harness.serviceEnv({ CREDENTIALS_MASTER_KEYS: both, CREDENTIALS_ACTIVE_MASTER_KEY: 'k2' }),
      )
    ).stop();
    expect(new Set(await sealedKeyIds())).toEqual(new Set(['k2']));
    await harness.startService({ CREDENTIALS_MASTER_KEYS: both.split(',')[0] });
    const all = await harness.rpc.rpc.send(Subjects.ListCredentials, { instanceAlias: INSTANCE });
    // Keys still open: the token path signs with them (the certificates are not uploaded: AADSTS700027).
    const failure = await harness.rpc.rpc
      .send(Subjects.AcquireGraphToken, { credentialId: all[0].id })
      .catch((e: unknown) => e as RpcCallError);
    expect((failure as RpcCallError).body.reason).toBe('AADSTS700027');
  });

  it('imports a PEM certificate with an encrypted key, and a PFX with its password', async () => {
    const material = await generateCertificate({ commonName: 'Imported PEM' });
    const encryptedKey = forge.pki.encryptRsaPrivateKey(
      forge.pki.privateKeyFromPem(material.privateKeyPem),
      'pem-pass',
      { algorithm: 'aes256' },
    );
    const fromPem = await sendSealedImport(harness.rpc.rpc, {
      instanceAlias: INSTANCE,
      name: 'Imported PEM',
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_ID,
      certificatePem: material.certificatePem,
      privateKeyPem: encryptedKey,
      privateKeyPassphrase: 'pem-pass',
    });
    expect(fromPem.activeCertificate).toMatchObject({
      source: 'imported',
      thumbprintSha1: material.thumbprintSha1,
    });

    // A certificate of its own: one certificate serves one credential per instance.
    const pfxMaterial = await generateCertificate({ commonName: 'Imported PFX' });
    const pfx = forge.asn1
      .toDer(
        forge.pkcs12.toPkcs12Asn1(
          forge.pki.privateKeyFromPem(pfxMaterial.privateKeyPem),
          [forge.pki.certificateFromPem(pfxMaterial.certificatePem)],
          'pfx-pass',
          { algorithm: 'aes256' },
        ),
      )
      .getBytes();
    const pfxBase64 = Buffer.from(pfx, 'binary').toString('base64');
    const fromPfx = await sendSealedImport(harness.rpc.rpc, {
      instanceAlias: INSTANCE,
      name: 'Imported PFX',
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_ID,
      pfxBase64,
      pfxPassword: 'pfx-pass',
    });
    expect(fromPfx.activeCertificate.thumbprintSha256).toBe(pfxMaterial.thumbprintSha256);

    const wrongPassword = await sendSealedImport(harness.rpc.rpc, {
      instanceAlias: INSTANCE,
      name: 'Wrong',
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_ID,
      pfxBase64,
      pfxPassword: 'nope',
    }).catch((e: unknown) => e as RpcCallError);
    expect((wrongPassword as RpcCallError).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      reason: 'WRONG_PASSWORD',
    });
    expect((wrongPassword as RpcCallError).body.message).not.toContain('nope');

    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const mismatch = await sendSealedImport(harness.rpc.rpc, {
      instanceAlias: INSTANCE,
      name: 'Mismatch',
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_ID,
      certificatePem: material.certificatePem,
      privateKeyPem: otherKey,
    }).catch((e: unknown) => e as RpcCallError);
    expect((mismatch as RpcCallError).body.reason).toBe('KEY_DOES_NOT_MATCH');
    const names = (await harness.rpc.rpc.send(Subjects.ListCredentials, { instanceAlias: INSTANCE })).map(
      (c) => c.name,
    );
    expect(names).not.toContain('Wrong');
    expect(names).not.toContain('Mismatch');
  });

  it('sends credential.expiring at 30 and 7 days, each once (the 60-day notice is past when 30 is due)', async () => {
    const expiring = await create('Short lived', 1);
    const received: EventEnvelope<CredentialExpiringEvent>[] = [];
    const subscription = harness.rpc.nats.subscribe(
      `${harness.ns.namespace}.events.${Events.CredentialExpiring.name}`,
      {
        callback: (_error, msg) => received.push(JSON.parse(new TextDecoder().decode(msg.data))),
      },
    );
    const monitor = harness.service.app.get(ExpiryMonitor);
    const notAfter = Date.parse(expiring.activeCertificate.notAfter);
    const mine = () => received.filter((event) => event.data.credentialId === expiring.id);

    await monitor.check(new Date(notAfter - 29 * DAY));
    await monitor.check(new Date(notAfter - 28 * DAY));
    await monitor.check(new Date(notAfter - 6 * DAY));
    await monitor.check(new Date(notAfter - 5 * DAY));
    // Each check returned after JetStream stored its events, which the server had already queued
    // for this subscriber; its answer to a flush comes after them: every event sent is in `received`.
    await harness.rpc.nats.flush();
    subscription.unsubscribe();

    expect(mine().map((event) => event.data.daysLeft)).toEqual([30, 7]);
    expect(mine()[0]).toMatchObject({
      id: `credential.expiring:${expiring.activeCertificate.id}:30`,
      source: 'credentials',
    });
    expect(mine()[0].data).toMatchObject({
      instanceAlias: INSTANCE,
      thumbprintSha1: expiring.activeCertificate.thumbprintSha1,
    });
  });
});
