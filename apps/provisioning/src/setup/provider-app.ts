import type { StepOutcome } from '../persistence/setups.repository';
import type { GraphSession } from '../graph/graph-session';
import type { AppRegistration } from './registration-steps';

/**
 * Microsoft Learn, "Redirect URI (reply URL) outline and restrictions": an app registration for
 * Microsoft Entra accounts holds at most 256 redirect URIs (100 when personal accounts may sign in).
 */
export const MAX_REDIRECT_URIS = 256;

export async function findProviderApp(
  graph: GraphSession,
  clientId: string,
): Promise<AppRegistration | undefined> {
  return graph.find<AppRegistration>(`/applications(appId='${clientId}')`, {
    select: [
      'id',
      'appId',
      'displayName',
      'signInAudience',
      'web',
      'requiredResourceAccess',
      'identifierUris',
      'api',
      'spa',
    ],
  });
}

/**
 * Adds the instance's redirect URI (and the consent return page) to the provider's multi-tenant app,
 * idempotently. At Microsoft's limit the step fails and says what to do instead of dropping another
 * instance's URI.
 */
export async function ensureProviderRedirectUris(
  graph: GraphSession,
  app: AppRegistration,
  wanted: string[],
): Promise<StepOutcome> {
  const uris = app.web?.redirectUris ?? [];
  const missing = wanted.filter((uri) => !uris.includes(uri));
  if (missing.length === 0) {
    return {
      state: 'done',
      changed: false,
      detail: `${wanted.join(' and ')} registered on the provider app`,
    };
  }
  if (uris.length + missing.length > MAX_REDIRECT_URIS) {
    return {
      state: 'failed',
      changed: false,
      problem: {
        code: 'PROVIDER_APP_FULL',
        message: `The provider's app registration already holds ${uris.length} redirect URIs; Microsoft allows at most ${MAX_REDIRECT_URIS}, so ${missing.join(', ')} cannot be added.`,
        fix: 'Register a second multi-tenant provider app for new instances (its credential as PROVIDER_CREDENTIAL_ID of another provisioning deployment), remove the redirect URIs of deleted instances, or set this instance up with the automatic per-tenant app.',
      },
    };
  }
  await graph.patch(`/applications/${app.id}`, { web: { redirectUris: [...uris, ...missing] } });
  return {
    state: 'done',
    changed: true,
    writes: 1,
    detail: `added ${missing.join(' and ')} to the provider app`,
  };
}
