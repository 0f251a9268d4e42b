import { ClientCertificateCredential } from '@azure/identity';
import { Client, type GraphError } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type * as Graph from '@microsoft/microsoft-graph-types';
import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { certificateDer } from '../../src/tls/pem';
import { buildCertificate, type IssuedCertificate } from '../../src/tls/x509-builder';
import { emulatorDispatcher } from '../../src';
import { ADMIN, READER, TENANT_ID } from './support/directory-fixture';
import { type DirectoryHarness, startDirectoryHarness } from './support/directory-harness';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

const failure = (promise: Promise<unknown>): Promise<GraphError> =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: GraphError) => error,
  );

/** A proof as Microsoft Learn's "Generate proof-of-possession tokens for rolling keys" builds it. */
function proof(
  certificate: IssuedCertificate,
  issuer: string,
  options: { audience?: string; lifetimeSeconds?: number; alg?: 'RS256' | 'PS256' } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: options.alg ?? 'RS256', typ: 'JWT' })
    .setAudience(options.audience ?? GRAPH_APP_ID)
    .setIssuer(issuer)
    .setNotBefore(now)
    .setExpirationTime(now + (options.lifetimeSeconds ?? 600))
    .sign(createPrivateKey(certificate.keyPem));
}

const keyOf = (certificate: IssuedCertificate) => certificateDer(certificate.certPem).toString('base64');

describe('Graph addKey / removeKey: an app rolls its own certificate with a proof of possession', () => {
  let harness: DirectoryHarness;
  let admin: Client;
  let application: Graph.Application & { id: string; appId: string };
  const first = buildCertificate({ commonName: 'roll-first', validDays: 365 });
  const second = buildCertificate({ commonName: 'roll-second', validDays: 365 });
  const stranger = buildCertificate({ commonName: 'roll-stranger', validDays: 365 });
  let firstKeyId: string;

  /** The unmodified Graph client as the app itself, signed in with one of its certificates. */
  const selfClient = (certificate: IssuedCertificate): Client => {
    const credential = new ClientCertificateCredential(
      TENANT_ID,
      application.appId,
      { certificate: certificate.keyPem + certificate.certPem },
      { authorityHost: harness.url, disableInstanceDiscovery: true },
    );
    return Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(credential, {
        scopes: ['https://graph.microsoft.com/.default'],
      }),
      baseUrl: `${harness.url}/`,
      customHosts: new Set(['localhost']),
      fetchOptions: { dispatcher: emulatorDispatcher(harnessCa) } as unknown as RequestInit,
    });
  };
  let harnessCa: string;

  beforeAll(async () => {
    harness = await startDirectoryHarness();
    harnessCa = harness.caCertPem;
    admin = harness.graphClient(ADMIN);
    application = await admin.api('/applications').post({ displayName: 'Self-rolling connector' });
    await admin.api(`/applications/${application.id}`).patch({
      keyCredentials: [{ type: 'AsymmetricX509Cert', usage: 'Verify', key: keyOf(first) }],
    });
    await admin.api('/servicePrincipals').post({ appId: application.appId });
    const read: Graph.Application = await admin.api(`/applications/${application.id}`).get();
    firstKeyId = read.keyCredentials?.[0]?.keyId ?? '';
  });
  afterAll(() => harness.close());

  it('lets the app add a certificate with its own token, which carries no permission', async () => {
    const self = selfClient(first);
    // The token has no roles: any other write is refused.
    const refused = await failure(self.api(`/applications/${application.id}`).patch({ notes: 'x' }));
    expect(refused.statusCode).toBe(403);
    expect(refused.code).toBe('Authorization_RequestDenied');

    const added: Graph.KeyCredential & { '@odata.context'?: string } = await self
      .api(`/applications/${application.id}/addKey`)
      .post({
        keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: keyOf(second) },
        passwordCredential: null,
        proof: await proof(first, application.id),
      });
    expect(added['@odata.context']).toMatch(/\/v1\.0\/\$metadata#microsoft\.graph\.keyCredential$/);
    expect(added).toMatchObject({ type: 'AsymmetricX509Cert', usage: 'Verify', key: null });
    expect(added.keyId).toMatch(/^[0-9a-f-]{36}$/);
    const listed: Graph.Application = await admin
      .api(`/applications/${application.id}`)
      .select('keyCredentials')
      .get();
    expect(listed.keyCredentials?.map((credential) => credential.key)).toEqual([keyOf(first), keyOf(second)]);
    // The new certificate signs in at once.
    const token = await selfCredentialToken(second);
    expect(token.length).toBeGreaterThan(100);
  });

  it('lets the app remove the old certificate with a proof from the new one', async () => {
    const self = selfClient(second);
    const response: unknown = await self
      .api(`/applications(appId='${application.appId}')/removeKey`)
      .post({ keyId: firstKeyId, proof: await proof(second, application.id, { alg: 'PS256' }) });
    expect(response).toBeFalsy();
    const listed: Graph.Application = await admin
      .api(`/applications/${application.id}`)
      .select('keyCredentials')
      .get();
    expect(listed.keyCredentials?.map((credential) => credential.key)).toEqual([keyOf(second)]);
    await expect(selfCredentialToken(first)).rejects.toThrow(/AADSTS700027/);
  });

  it.each([
    ['the retired Azure AD Graph audience', { audience: '00000002-0000-0000-c000-000000000000' }],
    ['a lifetime over ten minutes', { lifetimeSeconds: 601 }],
  ])(
    'refuses a proof with %s as Graph does (401 Authentication_MissingOrMalformed)',
    async (_name, options) => {
      const error = await failure(
        selfClient(second)
          .api(`/applications/${application.id}/addKey`)
          .post({
            keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: keyOf(stranger) },
            proof: await proof(second, application.id, options),
          }),
      );
      expect(error.statusCode).toBe(401);
      expect(error.code).toBe('Authentication_MissingOrMalformed');
      expect(error.message).toBe('Access Token missing or malformed.');
    },
  );

  it('refuses a proof issued by the appId, or signed by a certificate the app does not have', async () => {
    for (const badProof of [await proof(second, application.appId), await proof(stranger, application.id)]) {
      const error = await failure(
        selfClient(second)
          .api(`/applications/${application.id}/addKey`)
          .post({
            keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: keyOf(stranger) },
            proof: badProof,
          }),
      );
      expect(error.statusCode).toBe(401);
      expect(error.code).toBe('Authentication_MissingOrMalformed');
    }
  });

  it("needs Application.ReadWrite.All to roll another app's keys", async () => {
    const error = await failure(
      harness
        .graphClient(READER)
        .api(`/applications/${application.id}/addKey`)
        .post({
          keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: keyOf(stranger) },
          proof: await proof(second, application.id),
        }),
    );
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('Authorization_RequestDenied');
  });

  it('answers a missing proof or a malformed key with a 400 naming the property', async () => {
    const self = selfClient(second);
    const missing = await failure(
      self.api(`/applications/${application.id}/addKey`).post({
        keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: keyOf(stranger) },
      }),
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.message).toMatch(/'proof'/);
    const badKey = await failure(
      self.api(`/applications/${application.id}/addKey`).post({
        keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: 'bm90IGEgY2VydA==' },
        proof: await proof(second, application.id),
      }),
    );
    expect(badKey.statusCode).toBe(400);
    expect(badKey.message).toMatch(/keyCredentials\[0\]\.key/);
  });

  it('refuses an app whose certificates have all expired, even with a permission', async () => {
    // The remaining certificate's credential ends in an hour; the emulator clock moves past it.
    await admin.api(`/applications/${application.id}`).patch({
      keyCredentials: [
        {
          type: 'AsymmetricX509Cert',
          usage: 'Verify',
          key: keyOf(second),
          endDateTime: new Date(Date.now() + 3_600_000).toISOString(),
        },
      ],
    });
    harness.store.clock.advance(2 * 3_600_000);
    const error = await failure(
      harness
        .graphClient(ADMIN)
        .api(`/applications/${application.id}/addKey`)
        .post({
          keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: keyOf(stranger) },
          proof: await proof(second, application.id),
        }),
    );
    expect(error.statusCode).toBe(401);
    expect(error.code).toBe('Authentication_MissingOrMalformed');
  });

  function selfCredentialToken(certificate: IssuedCertificate): Promise<string> {
    const credential = new ClientCertificateCredential(
      TENANT_ID,
      application.appId,
      { certificate: certificate.keyPem + certificate.certPem },
      { authorityHost: harness.url, disableInstanceDiscovery: true },
    );
    return credential.getToken('https://graph.microsoft.com/.default').then((token) => token.token);
  }
});
