import type { CredentialView } from '@archive365/contracts';
import { ProvisioningError } from '../errors/provisioning.error';
import { chooseProviderCredential, type ProviderCredentialSource } from './provider-credential';

function credential(id: string, owner: CredentialView['owner']): CredentialView {
  const certificate = {
    id: `${id}-c`,
    state: 'active' as const,
    source: 'generated' as const,
    subject: 'CN=x',
    keySize: 2048,
    thumbprintSha1: 'AA',
    thumbprintSha256: 'BB',
    serialNumber: '01',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
  };
  return {
    id,
    owner,
    ...(owner === 'instance' ? { instanceAlias: 'contoso' } : {}),
    name: `app ${id}`,
    clientId: '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a01',
    tenantId: 'hosting.example',
    createdAt: certificate.notBefore,
    updatedAt: certificate.notBefore,
    activeCertificate: certificate,
    certificates: [certificate],
  };
}

function source(all: CredentialView[]): ProviderCredentialSource {
  return {
    credential: async (id) => {
      const found = all.find((c) => c.id === id);
      if (!found) throw new Error(`no ${id}`);
      return found;
    },
    providerCredentials: async () => all.filter((c) => c.owner === 'provider'),
  };
}

async function refusal(promise: Promise<unknown>): Promise<ProvisioningError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProvisioningError)) throw new Error('expected a ProvisioningError');
  return error;
}

describe('chooseProviderCredential', () => {
  const provider = credential('p1', 'provider');
  const second = credential('p2', 'provider');
  const instance = credential('i1', 'instance');

  it('takes the one provider-level credential when none is configured', async () => {
    await expect(chooseProviderCredential(undefined, source([instance, provider]))).resolves.toBe(provider);
  });

  it('takes the configured one when there are several', async () => {
    await expect(chooseProviderCredential('p2', source([provider, second]))).resolves.toBe(second);
  });

  it('says how to create it when there is none', async () => {
    const error = await refusal(chooseProviderCredential(undefined, source([instance])));
    expect(error.code).toBe('NOT_CONFIGURED');
    expect(error.publicMessage).toContain('consent links need');
    expect(error.details.hint).toContain('POST /api/provider/credentials');
  });

  it('names the candidates when there are several and none is configured', async () => {
    const error = await refusal(chooseProviderCredential(undefined, source([provider, second])));
    expect(error.details.hint).toContain('PROVIDER_CREDENTIAL_ID');
    expect(error.details.hint).toContain('p1');
    expect(error.details.hint).toContain('p2');
  });

  it("refuses an instance's credential configured as the provider's", async () => {
    const error = await refusal(chooseProviderCredential('i1', source([instance, provider])));
    expect(error.publicMessage).toContain('of instance "contoso", not a provider-level credential');
  });
});
