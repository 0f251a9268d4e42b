import type { CredentialView } from '@archive365/contracts';
import { ProvisioningError, ProvisioningErrorCode } from '../errors/provisioning.error';

/** What choosing the provider credential needs from the credentials service. */
export interface ProviderCredentialSource {
  credential(credentialId: string): Promise<CredentialView>;
  providerCredentials(): Promise<CredentialView[]>;
}

const CREATE_HINT =
  "create it as an administrator with every instance in scope (POST /api/provider/credentials with the provider app's client id and tenant), then add its .cer to that app registration";

/**
 * The provider's multi-tenant app's credential for consent links. `PROVIDER_CREDENTIAL_ID` names it
 * when the provider runs more than one such app (a second one once the first holds Microsoft's limit
 * of redirect URIs); otherwise it is the one provider-level credential the credentials service holds,
 * so creating it through the admin API is all the set-up it needs. An instance's credential is never
 * taken for it: its app is the customer's, not one every customer consents to.
 */
export async function chooseProviderCredential(
  configuredId: string | undefined,
  source: ProviderCredentialSource,
): Promise<CredentialView> {
  if (configuredId) {
    const credential = await source.credential(configuredId);
    if (credential.owner !== 'provider') {
      throw new ProvisioningError(
        ProvisioningErrorCode.NotConfigured,
        `PROVIDER_CREDENTIAL_ID names credential ${credential.id} of instance "${credential.instanceAlias ?? ''}", not a provider-level credential`,
        {
          hint: `set PROVIDER_CREDENTIAL_ID to the provider's own credential (GET /api/provider/credentials lists them), or ${CREATE_HINT}`,
        },
      );
    }
    return credential;
  }
  const candidates = await source.providerCredentials();
  const [only] = candidates;
  if (candidates.length === 1 && only) return only;
  if (candidates.length === 0) {
    throw new ProvisioningError(
      ProvisioningErrorCode.NotConfigured,
      "consent links need the provider's multi-tenant app, and no provider-level credential exists",
      { hint: CREATE_HINT },
    );
  }
  throw new ProvisioningError(
    ProvisioningErrorCode.NotConfigured,
    `there are ${candidates.length} provider-level credentials; consent links must know which app to use`,
    {
      hint: `set PROVIDER_CREDENTIAL_ID of the provisioning service to one of ${candidates.map((c) => `${c.id} ("${c.name}")`).join(', ')}`,
    },
  );
}
