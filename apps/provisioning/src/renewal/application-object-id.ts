import type { CredentialView } from '@archive365/contracts';
import { ProvisioningError, ProvisioningErrorCode } from '../errors/provisioning.error';
import { GraphCallError, type GraphSession } from '../graph/graph-session';

/** Where a renewal learns the app registration's Object ID from, first answer wins. */
export interface ApplicationObjectIdSources {
  /** The last setup of the credential that recorded it (automatic setups do). */
  fromSetup(credentialId: string): Promise<string | undefined>;
  /** An earlier renewal of the credential, which had learned it. */
  fromEarlierRenewal(credentialId: string): Promise<string | undefined>;
  /** The credential's own Graph session, in its own tenant. */
  graphAsApp(credentialId: string): GraphSession;
}

/**
 * The Object ID addKey's proof must name (`iss`; Graph accepts no client id there). An instance's
 * app is known from its setup. The provider's multi-tenant app lives in the provider's own tenant,
 * where it is looked up by its client id with its own token, as consent links already do (it manages
 * its own redirect URIs, so it may read its registration); an app that may not is asked for the id.
 */
export async function applicationObjectIdOf(
  credential: CredentialView,
  given: string | undefined,
  sources: ApplicationObjectIdSources,
): Promise<string> {
  const known =
    given ??
    (await sources.fromSetup(credential.id)) ??
    (await sources.fromEarlierRenewal(credential.id)) ??
    (credential.owner === 'provider' ? await lookedUp(credential, sources) : undefined);
  if (known) return known;
  if (credential.owner === 'provider') {
    throw new ProvisioningError(
      ProvisioningErrorCode.NotConfigured,
      `the provider's app registration (client id ${credential.clientId}) cannot be read in tenant ${credential.tenantId} with the provider credential ${credential.id}, so its Object ID is not known`,
      {
        field: 'applicationObjectId',
        hint: "start the renewal with the provider app's Object ID (Azure portal, app overview of the provider's tenant), or let the app read its own registration (Application.ReadWrite.OwnedBy, with its service principal as owner)",
      },
    );
  }
  throw new ProvisioningError(
    ProvisioningErrorCode.NotConfigured,
    `the app registration of credential ${credential.id} is not known to this service`,
    {
      field: 'applicationObjectId',
      hint: "give the app registration's Object ID (Azure portal, app overview), or set the instance up with the automatic setup",
    },
  );
}

async function lookedUp(
  credential: CredentialView,
  sources: ApplicationObjectIdSources,
): Promise<string | undefined> {
  try {
    const app = await sources
      .graphAsApp(credential.id)
      .find<{ id?: string }>(`/applications(appId='${credential.clientId}')`, { select: ['id'] });
    return app?.id;
  } catch (error) {
    // Not allowed to read its own registration: the administrator gives the id instead.
    if (GraphCallError.is(error, 403)) return undefined;
    throw error;
  }
}
