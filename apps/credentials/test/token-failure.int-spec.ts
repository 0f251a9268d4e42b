import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientCertificateCredential } from '@azure/identity';
import { startEmulator, type RunningEmulator } from '@archive365/entra-emulator';
import { generateCertificate, type CertificateMaterial } from '../src/certificates';
import { agentTrusting, throughAgent } from '../src/tokens';
import { diagnoseAuthority } from '../src/token-errors/diagnose-authority';
import { TokenFailureCode } from '../src/token-errors/token-failure';
import { toTokenFailure } from '../src/token-errors/to-token-failure';

const TENANT_ID = '2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182';
const CLIENT_ID = '4c5d6e7f-8091-4a2b-8c3d-4e5f60718293';

/**
 * The failures as the unmodified `ClientCertificateCredential` surfaces them from the Entra emulator
 * (real AADSTS replies), and from authorities it cannot reach or trust.
 */
describe('toTokenFailure with the real @azure/identity against the Entra emulator', () => {
  let emulator: RunningEmulator;
  let material: CertificateMaterial;

  beforeAll(async () => {
    material = await generateCertificate({ commonName: 'Token failure test' });
    emulator = await startEmulator({
      stateDir: mkdtempSync(join(tmpdir(), 'token-failure-')),
      fixture: {
        tenants: [
          {
            organization: {
              id: TENANT_ID,
              displayName: 'Tailspin',
              verifiedDomains: [{ name: 'tailspin.onmicrosoft.com', isDefault: true, isInitial: true }],
            },
            users: [],
            groups: [],
            applications: [
              {
                id: '6e7f8091-0000-4000-8000-000000000001',
                appId: CLIENT_ID,
                displayName: 'Email Archive',
                keyCredentials: [],
              },
            ],
            servicePrincipals: [
              {
                id: '6e7f8091-0000-4000-8000-000000000002',
                appId: CLIENT_ID,
                displayName: 'Email Archive',
                accountEnabled: true,
              },
            ],
          },
        ],
      },
    });
  });

  afterAll(async () => {
    await emulator?.close();
  });

  const trustingAgent = () => agentTrusting(emulator.caCertPem);

  /** A token client trusting the emulator's CA for its own requests only (unless `trusted` is false). */
  function credential(
    options: { tenantId?: string; clientId?: string; authorityHost?: string; trusted?: boolean } = {},
  ) {
    const agent = trustingAgent();
    return new ClientCertificateCredential(
      options.tenantId ?? TENANT_ID,
      options.clientId ?? CLIENT_ID,
      { certificate: `${material.privateKeyPem}${material.certificatePem}` },
      {
        authorityHost: options.authorityHost ?? emulator.url,
        disableInstanceDiscovery: true,
        retryOptions: { maxRetries: 0 },
        additionalPolicies: options.trusted === false ? [] : [throughAgent(agent)],
      },
    );
  }

  async function failureOf(tokenCredential: ClientCertificateCredential, tenantId = TENANT_ID) {
    try {
      await tokenCredential.getToken('https://graph.microsoft.com/.default');
    } catch (error) {
      return toTokenFailure(error, {
        tenantId,
        clientId: CLIENT_ID,
        certificateThumbprint: material.thumbprintSha1,
      });
    }
    throw new Error('expected the token request to fail');
  }

  it('maps AADSTS700027 (certificate not uploaded) to CERTIFICATE_NOT_REGISTERED naming the thumbprint', async () => {
    const failure = await failureOf(credential());
    expect(failure).toMatchObject({ code: TokenFailureCode.CertificateNotRegistered, aadsts: 700027 });
    expect(failure.hint).toContain(`thumbprint ${material.thumbprintSha1}`);
    expect(JSON.stringify(failure)).not.toContain('PRIVATE KEY');
  });

  it('maps AADSTS700016 (no such application in the tenant) to APP_NOT_FOUND', async () => {
    const failure = await failureOf(credential({ clientId: '00000000-1111-4222-8333-444444444444' }));
    expect(failure).toMatchObject({ code: TokenFailureCode.AppNotFound, aadsts: 700016 });
  });

  it('finds AADSTS90002 (no such tenant), which MSAL reports as unreachable, by asking the metadata itself', async () => {
    const tenant = 'nowhere.onmicrosoft.com';
    const reported = await failureOf(credential({ tenantId: tenant }), tenant);
    expect(reported.code).toBe(TokenFailureCode.AuthorityUnreachable);
    const evidence = await diagnoseAuthority(emulator.url, tenant, trustingAgent());
    const failure = toTokenFailure(evidence, { tenantId: tenant, clientId: CLIENT_ID });
    expect(failure).toMatchObject({ code: TokenFailureCode.TenantNotFound, aadsts: 90002 });
    expect(failure.message).toContain(tenant);
  });

  it('finds an untrusted TLS certificate behind an unreachable authority', async () => {
    const reported = await failureOf(credential({ trusted: false }));
    expect(reported.code).toBe(TokenFailureCode.AuthorityUnreachable);
    const evidence = await diagnoseAuthority(emulator.url, TENANT_ID);
    expect(toTokenFailure(evidence, { tenantId: TENANT_ID, clientId: CLIENT_ID }).code).toBe(
      TokenFailureCode.TlsUntrusted,
    );
    // A working tenant teaches nothing new.
    expect(await diagnoseAuthority(emulator.url, TENANT_ID, trustingAgent())).toBeUndefined();
  });

  it('maps a refused connection to AUTHORITY_UNREACHABLE, and the diagnosis adds nothing', async () => {
    const failure = await failureOf(credential({ authorityHost: 'https://127.0.0.1:1' }));
    expect(failure.code).toBe(TokenFailureCode.AuthorityUnreachable);
    expect(failure.hint).toContain('DNS, proxy and firewall');
    expect(await diagnoseAuthority('https://127.0.0.1:1', TENANT_ID)).toBeUndefined();
  });
});
