import type { CredentialView } from '@archive365/contracts';
import { ProvisioningError } from '../errors/provisioning.error';
import { credentialView } from '../../test/support/credential-view';
import { chooseProviderCredential, type ProviderCredentialSource } from './provider-credential';

const credential = (id: string, owner: CredentialView['owner']) =>
  credentialView(owner, { id, name: `app ${id}` });

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
