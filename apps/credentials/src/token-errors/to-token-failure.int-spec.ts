import { ClientCertificateCredential } from '@azure/identity';
import { generateKeyPairSync } from 'node:crypto';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';
import { generateCertificate, type CertificateMaterial } from '../certificates';
import { TokenFailureCode } from './token-failure';
import { toTokenFailure } from './to-token-failure';

/** A TLS certificate for 127.0.0.1 (subjectAltName IP), so the client can trust it through a CA list. */
function localhostTls(): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(
    publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  certificate.serialNumber = '01';
  certificate.validity.notBefore = new Date(Date.now() - 60_000);
  certificate.validity.notAfter = new Date(Date.now() + 86_400_000);
  certificate.setSubject([{ name: 'commonName', value: '127.0.0.1' }]);
  certificate.setIssuer([{ name: 'commonName', value: '127.0.0.1' }]);
  certificate.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }]);
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  certificate.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { key: keyPem, cert: forge.pki.certificateToPem(certificate) };
}

/** Serves OpenID metadata and answers every token request with the given Entra error. */
function startAuthority(
  tls: { key: string; cert: string },
  tokenError: object,
  status: number,
): Promise<Server> {
  const server = createServer(tls, (request, response) => {
    const base = `https://${request.headers.host ?? ''}`;
    response.setHeader('content-type', 'application/json');
    if (request.url?.includes('/.well-known/openid-configuration')) {
      response.end(
        JSON.stringify({
          issuer: `${base}/tenant-1/v2.0`,
          token_endpoint: `${base}/tenant-1/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/tenant-1/oauth2/v2.0/authorize`,
          jwks_uri: `${base}/tenant-1/discovery/v2.0/keys`,
        }),
      );
      return;
    }
    request.resume();
    request.on('end', () => {
      response.statusCode = status;
      response.end(JSON.stringify(tokenError));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('toTokenFailure with the real @azure/identity ClientCertificateCredential', () => {
  const context = { tenantId: 'tenant-1', clientId: 'client-1' };
  let material: CertificateMaterial;
  let tls: { key: string; cert: string };
  let server: Server;

  beforeAll(async () => {
    material = await generateCertificate({ commonName: 'Token failure test' });
    tls = localhostTls();
    server = await startAuthority(
      tls,
      {
        error: 'invalid_client',
        error_description:
          'AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found.]\r\nTrace ID: t\r\nCorrelation ID: c\r\nTimestamp: 2026-11-28 10:00:00Z',
        error_codes: [700027],
        timestamp: '2026-11-28 10:00:00Z',
        trace_id: 't',
        correlation_id: 'c',
      },
      401,
    );
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function credential(authorityHost: string, trustedCa?: string): ClientCertificateCredential {
    const agent = trustedCa ? new Agent({ ca: trustedCa }) : undefined;
    return new ClientCertificateCredential(
      context.tenantId,
      context.clientId,
      { certificate: `${material.privateKeyPem}${material.certificatePem}` },
      {
        authorityHost,
        disableInstanceDiscovery: true,
        retryOptions: { maxRetries: 0 },
        // Trust the test authority's certificate for this client only, as a private CA would be trusted.
        additionalPolicies: agent
          ? [
              {
                position: 'perCall',
                policy: {
                  name: 'trust-test-ca',
                  sendRequest: (request, next) => next(Object.assign(request, { agent })),
                },
              },
            ]
          : [],
      },
    );
  }

  async function failureOf(tokenCredential: ClientCertificateCredential) {
    try {
      await tokenCredential.getToken('https://graph.microsoft.com/.default');
    } catch (error) {
      return toTokenFailure(error, { ...context, certificateThumbprint: material.thumbprintSha1 });
    }
    throw new Error('expected the token request to fail');
  }

  it('maps a real AADSTS700027 reply to CERTIFICATE_NOT_REGISTERED naming the thumbprint', async () => {
    const { port } = server.address() as AddressInfo;
    const failure = await failureOf(credential(`https://127.0.0.1:${port}`, tls.cert));
    expect(failure.code).toBe(TokenFailureCode.CERTIFICATE_NOT_REGISTERED);
    expect(failure.aadsts).toBe(700027);
    expect(failure.hint).toContain(`thumbprint ${material.thumbprintSha1}`);
    expect(JSON.stringify(failure)).not.toContain('PRIVATE KEY');
  });

  it('maps an authority whose TLS certificate is not trusted to AUTHORITY_UNREACHABLE', async () => {
    const { port } = server.address() as AddressInfo;
    const failure = await failureOf(credential(`https://127.0.0.1:${port}`));
    expect(failure.code).toBe(TokenFailureCode.AUTHORITY_UNREACHABLE);
  });

  it('maps a refused connection to AUTHORITY_UNREACHABLE', async () => {
    const failure = await failureOf(credential('https://127.0.0.1:1'));
    expect(failure.code).toBe(TokenFailureCode.AUTHORITY_UNREACHABLE);
    expect(failure.hint).toContain('DNS, proxy and firewall');
  });
});
