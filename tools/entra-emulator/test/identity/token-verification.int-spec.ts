import { generateKeyPairSync } from 'node:crypto';
import { ClientCertificateCredential } from '@azure/identity';
import { SignJWT, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { GraphAuthError } from '../../src';
import { startIdentityHarness, type IdentityHarness } from './support/emulator-harness';
import { CONNECTOR_APP_ID, TENANT_ID } from './support/identity-fixture';

describe('token verification: verifyGraphBearer and JWKS rotation', () => {
  let harness: IdentityHarness;
  beforeAll(async () => {
    harness = await startIdentityHarness();
  });
  afterAll(async () => harness.emulator.close());

  const appToken = async (scope = 'https://graph.microsoft.com/.default') =>
    (
      await new ClientCertificateCredential(
        TENANT_ID,
        CONNECTOR_APP_ID,
        { certificate: harness.certs.valid.keyPem + harness.certs.valid.certPem },
        {
          authorityHost: harness.emulator.url,
          disableInstanceDiscovery: true,
        },
      ).getToken(scope)
    ).token;
  const verify = (token: string | undefined) =>
    harness.emulator.context.verifyGraphBearer(token === undefined ? undefined : `Bearer ${token}`);

  it('accepts a Graph token the emulator issued and returns its claims', async () => {
    const claims = await verify(await appToken());
    expect(claims).toMatchObject({
      tid: TENANT_ID,
      appid: CONNECTOR_APP_ID,
      roles: ['Directory.Read.All'],
      idtyp: 'app',
    });
  });

  it('rejects a missing header, a forged signature, another audience and an expired token', async () => {
    await expect(verify(undefined)).rejects.toThrow(new GraphAuthError('Access token is empty.'));
    const genuine = await appToken();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT(decodeJwt(genuine))
      .setProtectedHeader(decodeProtectedHeader(genuine) as { alg: string })
      .sign(privateKey);
    await expect(verify(forged)).rejects.toThrow('Access token validation failure. Invalid signature.');
    await expect(verify(await appToken('https://outlook.office365.com/.default'))).rejects.toThrow(
      'Invalid audience',
    );
    harness.emulator.store.clock.advance(2 * 60 * 60 * 1000);
    try {
      await expect(verify(genuine)).rejects.toThrow('Lifetime validation failed, the token is expired.');
    } finally {
      harness.emulator.store.clock.reset();
    }
  });

  it('rotation: the new key signs, a token signed before still verifies, both keys are in the JWKS', async () => {
    const before = await appToken();
    const rotate = await harness.fetch(`${harness.emulator.url}/_emulator/keys/rotate`, { method: 'POST' });
    const { kid, previousKid } = (await rotate.json()) as { kid: string; previousKid: string };
    expect(decodeProtectedHeader(before).kid).toBe(previousKid);
    const after = await appToken('00000003-0000-0000-c000-000000000000/.default');
    expect(decodeProtectedHeader(after)).toMatchObject({ kid, x5t: kid, alg: 'RS256' });
    expect(kid).not.toBe(previousKid);

    const jwks = createRemoteJWKSet(new URL(`${harness.emulator.url}/${TENANT_ID}/discovery/v2.0/keys`));
    await expect(
      jwtVerify(before, jwks, { issuer: `https://sts.windows.net/${TENANT_ID}/` }),
    ).resolves.toBeDefined();
    await expect(
      jwtVerify(after, jwks, { audience: '00000003-0000-0000-c000-000000000000' }),
    ).resolves.toBeDefined();
    await expect(verify(before)).resolves.toMatchObject({ tid: TENANT_ID });
    await expect(verify(after)).resolves.toMatchObject({ aud: '00000003-0000-0000-c000-000000000000' });
  });
});
