import { createServer } from 'node:https';
import { forwardAsIngress, issueServerCertificate, loadOrCreateLocalCa } from '@archive365/entra-emulator';

/**
 * The archive's public HTTPS address in the demo, as an ingress is in production: TLS with a server
 * certificate from the emulator's local CA (the one CA a browser has to trust for the whole demo),
 * forwarding to the auth gateway's plain HTTP port with X-Forwarded-For and X-Forwarded-Proto.
 *
 *   gateway-front.ts <emulator state dir> <https port> <gateway url>
 */
function main(): void {
  const [stateDir, port, target] = process.argv.slice(2);
  if (!stateDir || !port || !target)
    throw new Error('usage: gateway-front.ts <state dir> <port> <gateway url>');
  const gateway = new URL(target);
  const certificate = issueServerCertificate(loadOrCreateLocalCa(stateDir));
  const server = createServer(
    { key: certificate.keyPem, cert: certificate.certPem },
    (incoming, outgoing) => {
      forwardAsIngress(incoming, outgoing, gateway).on('error', () => {
        if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end('the auth gateway is not reachable\n');
      });
    },
  );
  server.listen(Number(port), '127.0.0.1', () => {
    process.stdout.write(`listening on https://localhost:${port} (forwarding to ${gateway.origin})\n`);
  });
  const stop = (): void => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
