import { randomUUID } from 'node:crypto';
import forge from 'node-forge';
import { Subjects } from '@archive365/contracts';
import { connectAs } from '@archive365/testing';
import type { Msg, NatsConnection } from 'nats';
import request from 'supertest';
import { generateCertificate } from '../../../apps/credentials/src/certificates';
import { TestPlatform } from './support/platform';

/**
 * A passive eavesdropper with a permissive identity (it may read every subject, inboxes included)
 * watches imports through the admin API: it sees the imports travel, and never the key material.
 */
describe('no key material on the bus in clear text', () => {
  const platform = TestPlatform.create();
  const seen: Msg[] = [];
  let eavesdropper: NatsConnection;
  let adminUrl: string;

  beforeAll(async () => {
    await platform.start('credentials');
    adminUrl = (await platform.start('admin-api')).url;
    eavesdropper = await connectAs(platform.ns.server, 'observer');
    eavesdropper.subscribe('>', { callback: (_error, msg) => seen.push(msg) });
    await eavesdropper.flush();
    await request(adminUrl)
      .post('/api/instances')
      .send({ alias: 'contoso', displayName: 'Contoso', publicBaseUrl: 'https://archive.example.net' })
      .expect(201);
  });

  afterAll(async () => {
    await eavesdropper?.close();
    await platform.close();
  });

  it('imports a PEM with an encrypted key and a PFX with its password without either crossing the bus', async () => {
    const material = await generateCertificate({ commonName: 'Eavesdropped' });
    const key = forge.pki.privateKeyFromPem(material.privateKeyPem);
    const passphrase = `pem-${randomUUID()}`;
    const pfxPassword = `pfx-${randomUUID()}`;
    const encryptedKey = forge.pki.encryptRsaPrivateKey(key, passphrase, { algorithm: 'aes256' });
    const pfxBase64 = Buffer.from(
      forge.asn1
        .toDer(
          forge.pkcs12.toPkcs12Asn1(
            key,
            [forge.pki.certificateFromPem(material.certificatePem)],
            pfxPassword,
            {
              algorithm: 'aes256',
            },
          ),
        )
        .getBytes(),
      'binary',
    ).toString('base64');
    const identity = { clientId: randomUUID(), tenantId: 'contoso.onmicrosoft.com' };

    const imports = [
      {
        ...identity,
        name: 'From PEM',
        certificatePem: material.certificatePem,
        privateKeyPem: encryptedKey,
        privateKeyPassphrase: passphrase,
      },
      {
        ...identity,
        name: 'From clear PEM',
        certificatePem: material.certificatePem,
        privateKeyPem: material.privateKeyPem,
      },
      { ...identity, name: 'From PFX', pfxBase64, pfxPassword },
    ];
    for (const body of imports) {
      const response = await request(adminUrl).post('/api/instances/contoso/credentials/import').send(body);
      expect([body.name, response.status, response.status === 201 ? {} : response.body]).toEqual([
        body.name,
        201,
        {},
      ]);
    }
    await eavesdropper.flush();

    const traffic = seen.map((msg) => ({ subject: msg.subject, text: new TextDecoder().decode(msg.data) }));
    // The eavesdropper did see the imports and their replies go by...
    expect(traffic.filter((m) => m.subject.endsWith(Subjects.ImportCredential.name))).toHaveLength(3);
    expect(traffic.some((m) => m.subject.startsWith('_INBOX.') && m.text.includes('From PFX'))).toBe(true);
    // ...and none of the secrets, nor any recognisable piece of them.
    const secrets = {
      passphrase,
      pfxPassword,
      'encrypted key': pemBody(encryptedKey),
      'private key': pemBody(material.privateKeyPem),
      pfx: pfxBase64.slice(200, 264),
    };
    for (const [what, secret] of Object.entries(secrets)) {
      const leaks = traffic.filter((m) => m.text.includes(secret)).map((m) => m.subject);
      expect([what, leaks]).toEqual([what, []]);
    }
    expect(traffic.filter((m) => /PRIVATE KEY-----/.test(m.text)).map((m) => m.subject)).toEqual([]);
  });
});

/** A stretch of a PEM's base64 body: present in any copy of the file, however its lines are wrapped. */
function pemBody(pem: string): string {
  return pem.replace(/-----[^-]+-----|\s+/g, '').slice(100, 164);
}
