import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect, type SecureContext } from 'node:tls';
import { trustingRootsAnd } from '@archive365/service-kit';
import { selfSignedServerCertificate } from './support/server-certificate';

/**
 * The trust store the services' clients use for an extra CA (the emulator's, or a private authority):
 * built once, it serves every connection, and it trusts no more than the public roots and that CA.
 */
describe('a trust store of the public roots and one extra CA', () => {
  let server: Server;
  let port: number;
  let caPem: string;

  beforeAll(async () => {
    const { keyPem, certPem } = selfSignedServerCertificate('localhost');
    caPem = certPem;
    server = createServer({ key: keyPem, cert: certPem }, (_, response) => response.end());
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

  it('still refuses a server that neither the roots nor the extra CA vouch for', async () => {
    const other = selfSignedServerCertificate('localhost');
    await expect(handshake(trustingRootsAnd(other.certPem))).rejects.toThrow(/self[- ]signed/i);
  });
});
