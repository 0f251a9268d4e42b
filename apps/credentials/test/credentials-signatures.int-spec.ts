import { createHash, X509Certificate } from 'node:crypto';
import { Subjects, type CredentialView } from '@archive365/contracts';
import { emulatorDispatcher } from '@archive365/entra-emulator';
import { RpcCallError } from '@archive365/messaging';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import { generateCertificate } from '../src/certificates';
import { SignaturesService } from '../src/signatures/signatures.service';
import { ARCHIVE_APP, TENANT_ID } from './support/tenant-fixture';
import { CredentialsHarness, INSTANCE } from './support/credentials-harness';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const refusal = (error: unknown): RpcCallError => {
  if (error instanceof RpcCallError) return error;
  throw error;
};

/**
 * The credentials service signs for others over NATS, the key never leaving it: client assertions
 * as MSAL makes them (the emulator's token endpoint accepts them), and proofs of possession that
 * Graph's addKey accepts.
 */
describe('credentials: client assertions and proofs of possession, signed over NATS', () => {
  let harness: CredentialsHarness;
  let credential: CredentialView;
  let certificate: X509Certificate;

  beforeAll(async () => {
    harness = await CredentialsHarness.start();
    credential = await harness.rpc.rpc.send(Subjects.CreateCredential, {
      instanceAlias: INSTANCE,
      name: 'Signing',
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_ID,
    });
    const der = await harness.rpc.rpc.send(Subjects.DownloadCertificate, {
      credentialId: credential.id,
      format: 'der',
    });
    certificate = new X509Certificate(Buffer.from(der.contentBase64, 'base64'));
    await harness.uploadCertificate(ARCHIVE_APP.objectId, der.contentBase64, 'signing');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const post = (path: string, init: { body: string; headers: Record<string, string> }) =>
    fetch(`${harness.emulator.url}${path}`, {
      method: 'POST',
      ...init,
      dispatcher: emulatorDispatcher(harness.emulator.caCertPem),
    } as unknown as RequestInit);

  it('signs a client assertion as MSAL does, and the token endpoint accepts it', async () => {
    const audience = `${harness.emulator.url}/${TENANT_ID}/oauth2/v2.0/token`;
    const logged = jest.spyOn(harness.service.app.get(SignaturesService)['logger'], 'log');
    const signed = await harness.rpc.rpc.send(Subjects.SignClientAssertion, {
      credentialId: credential.id,
      audience,
    });
    // Logged with what it is for, never with the JWT or its signature.
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ credentialId: credential.id, audience }),
      'Signed a client assertion',
    );
    expect(JSON.stringify(logged.mock.calls)).not.toContain(signed.jwt.split('.')[2]);
    expect(JSON.stringify(logged.mock.calls)).not.toContain(signed.jwt.split('.')[1]);
    expect(decodeProtectedHeader(signed.jwt)).toEqual({
      alg: 'PS256',
      typ: 'JWT',
      'x5t#S256': createHash('sha256').update(certificate.raw).digest('base64url'),
    });
    const claims = decodeJwt(signed.jwt);
    expect(claims).toMatchObject({ aud: audience, iss: ARCHIVE_APP.appId, sub: ARCHIVE_APP.appId });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.iat).toBe(claims.nbf);
    expect((claims.exp ?? 0) - (claims.nbf ?? 0)).toBe(600);
    await compactVerify(signed.jwt, certificate.publicKey, { algorithms: ['PS256'] });
    expect(signed.thumbprintSha256).toBe(credential.activeCertificate.thumbprintSha256);

    const response = await post(`/${TENANT_ID}/oauth2/v2.0/token`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: ARCHIVE_APP.appId,
        scope: 'https://graph.microsoft.com/.default',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: signed.jwt,
      }).toString(),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { access_token?: string }).access_token).toBeDefined();
  });

  it('signs a proof of possession that Graph addKey accepts, with the named current certificate too', async () => {
    const proof = await harness.rpc.rpc.send(Subjects.SignProofOfPossession, {
      credentialId: credential.id,
      applicationObjectId: ARCHIVE_APP.objectId,
    });
    const claims = decodeJwt(proof.jwt);
    expect(claims).toMatchObject({ aud: GRAPH_APP_ID, iss: ARCHIVE_APP.objectId });
    expect((claims.exp ?? 0) - (claims.nbf ?? 0)).toBe(600);
    await compactVerify(proof.jwt, certificate.publicKey, { algorithms: ['RS256'] });

    // The application adds a key to itself: its own token, and the proof.
    const { accessToken } = await harness.rpc.rpc.send(Subjects.AcquireGraphToken, {
      credentialId: credential.id,
    });
    const next = await generateCertificate({ commonName: 'Next key' });
    const added = await post(`/v1.0/applications/${ARCHIVE_APP.objectId}/addKey`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        keyCredential: {
          type: 'AsymmetricX509Cert',
          usage: 'Verify',
          key: new X509Certificate(next.certificatePem).raw.toString('base64'),
        },
        passwordCredential: null,
        proof: proof.jwt,
      }),
    });
    expect(added.status).toBe(200);

    const named = await harness.rpc.rpc.send(Subjects.SignProofOfPossession, {
      credentialId: credential.id,
      applicationObjectId: ARCHIVE_APP.objectId,
      certificateId: credential.activeCertificate.id,
    });
    await compactVerify(named.jwt, certificate.publicKey, { algorithms: ['RS256'] });
  });

  it('refuses a certificate of another credential, naming the field', async () => {
    const other = await harness.rpc.rpc.send(Subjects.CreateCredential, {
      instanceAlias: INSTANCE,
      name: 'Other',
      clientId: ARCHIVE_APP.appId,
      tenantId: TENANT_ID,
    });
    const refused = await harness.rpc.rpc
      .send(Subjects.SignProofOfPossession, {
        credentialId: credential.id,
        applicationObjectId: ARCHIVE_APP.objectId,
        certificateId: other.activeCertificate.id,
      })
      .then(() => new Error('signed'), refusal);
    expect(refused).toBeInstanceOf(RpcCallError);
    expect((refused as RpcCallError).body).toMatchObject({
      code: 'CONFLICT',
      reason: 'CERTIFICATE_NOT_FOUND',
      field: 'certificateId',
    });
  });
});
