import { createHash, X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { forwardAsIngress } from '@archive365/entra-emulator';
import { selfSignedServerCertificate } from './server-certificate';

/**
 * The TLS-terminating front an archive runs behind (an ingress in production): HTTPS on a free port,
 * forwarding to the gateway with X-Forwarded-For. The target is set once the gateway runs.
 */
export class HttpsFront {
  readonly certPem: string;
  /** For Chromium's `--ignore-certificate-errors-spki-list`. */
  readonly spkiSha256: string;
  private constructor(
    private readonly server: Server,
    certPem: string,
    private readonly routing: { target: string },
  ) {
    this.certPem = certPem;
    const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
    this.spkiSha256 = createHash('sha256').update(spki).digest('base64');
  }

  static async start(): Promise<HttpsFront> {
    const { keyPem, certPem } = selfSignedServerCertificate('localhost');
    const routing = { target: 'http://127.0.0.1:1' };
    const server = createServer({ key: keyPem, cert: certPem }, (incoming, outgoing) => {
      forwardAsIngress(incoming, outgoing, new URL(routing.target)).on('error', () =>
        outgoing.writeHead(502).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new HttpsFront(server, certPem, routing);
  }

  /** Where requests go: the gateway's own HTTP URL. */
  set target(url: string) {
    this.routing.target = url;
  }

  get url(): string {
    return `https://localhost:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
