import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { connect, type SecureContext } from 'node:tls';
import forge from 'node-forge';
import { trustingRootsAnd } from './trust-store';

/** A throw-away self-signed server certificate for localhost. */
function selfSignedCertificate(): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(
    publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  certificate.serialNumber = '01';
  certificate.validity.notBefore = new Date(Date.now() - 60_000);
  certificate.validity.notAfter = new Date(Date.now() + 3_600_000);
  certificate.setSubject([{ name: 'commonName', value: 'localhost' }]);
  certificate.setIssuer([{ name: 'commonName', value: 'localhost' }]);
  certificate.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] }]);
  certificate.sign(forge.pki.privateKeyFromPem(key), forge.md.sha256.create());
  return { key, cert: forge.pki.certificateToPem(certificate) };
}

describe('trustingRootsAnd', () => {
  let server: Server;
  let port: number;
  let caPem: string;

  beforeAll(async () => {
    const certificate = selfSignedCertificate();
    caPem = certificate.cert;
    server = createServer({ key: certificate.key, cert: certificate.cert }, (_, response) => response.end());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise((done) => server.close(done)));

  const handshake = (secureContext: SecureContext) =>
    new Promise<void>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', secureContext }, () => {
        socket.end();
        resolve();
      });
      socket.once('error', reject);
    });

  it('trusts the extra CA on every connection made with it', async () => {
    const secureContext = trustingRootsAnd(caPem);
    await handshake(secureContext);
    await handshake(secureContext);
  });

  it('still refuses a server the roots and the extra CA do not vouch for', async () => {
    const other = selfSignedCertificate();
    await expect(handshake(trustingRootsAnd(other.cert))).rejects.toThrow(/self[- ]signed/i);
  });
});
