import { createHash } from 'node:crypto';
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { EffectiveSetupOptions } from '@archive365/contracts';
import type { StepOutcome } from '../persistence/setups.repository';
import type { GraphSession } from '../graph/graph-session';
import { requiredPermissions, type RequiredPermission } from '../graph/permissions';

/** What the app registration must look like for one instance. */
export interface RegistrationTarget {
  alias: string;
  displayName: string;
  /** Tag that marks the app as this instance's, so a setup interrupted right after creating it finds it. */
  marker: string;
  redirectUri: string;
  options: EffectiveSetupOptions;
  certificateDerBase64: string;
  thumbprintSha1: string;
  /** The credential's client id, when it already names an app. */
  knownClientId?: string;
  knownObjectId?: string;
}

export type AppRegistration = Graph.Application & { id: string; appId: string };

export interface StepResult<T> {
  outcome: StepOutcome;
  value: T;
}

const APP_SELECT = [
  'id',
  'appId',
  'displayName',
  'tags',
  'web',
  'requiredResourceAccess',
  'identifierUris',
  'spa',
  'api',
];

/** Finds this instance's app registration (by client id, object id or marker) or creates it. */
export async function ensureApplication(
  graph: GraphSession,
  target: RegistrationTarget,
): Promise<StepResult<AppRegistration>> {
  const byClientId = target.knownClientId
    ? await graph.find<AppRegistration>(`/applications(appId='${target.knownClientId}')`, {
        select: APP_SELECT,
      })
    : undefined;
  const byObjectId =
    !byClientId && target.knownObjectId
      ? await graph.find<AppRegistration>(`/applications/${target.knownObjectId}`, { select: APP_SELECT })
      : undefined;
  const found = byClientId ?? byObjectId ?? (await findByMarker(graph, target));
  if (found) {
    return {
      value: found,
      outcome: {
        state: 'done',
        changed: false,
        detail: `app registration "${found.displayName ?? ''}" (${found.appId}) exists`,
      },
    };
  }
  const before = graph.writes;
  const created = await graph.post<AppRegistration>('/applications', {
    displayName: target.displayName,
    signInAudience: 'AzureADMyOrg',
    tags: [target.marker],
  });
  return {
    value: created,
    outcome: {
      state: 'done',
      changed: true,
      writes: graph.writes - before,
      detail: `created app registration "${target.displayName}" (${created.appId})${
        target.knownClientId
          ? `; the credential's client id ${target.knownClientId} named no app in this tenant`
          : ''
      }`,
    },
  };
}

async function findByMarker(
  graph: GraphSession,
  target: RegistrationTarget,
): Promise<AppRegistration | undefined> {
  const named = await graph.get<{ value: AppRegistration[] }>('/applications', {
    filter: `displayName eq '${target.displayName.replace(/'/g, "''")}'`,
    select: APP_SELECT,
  });
  return named.value.find((application) => (application.tags ?? []).includes(target.marker));
}

/**
 * Uploads the certificate's public part unless a key with its thumbprint is already there; answers the
 * key's `keyId` (what a later `removeKey` needs).
 */
export async function ensureCertificate(
  graph: GraphSession,
  app: AppRegistration,
  target: RegistrationTarget,
): Promise<StepResult<string | undefined>> {
  // `key` comes back only for a single application with keyCredentials selected.
  const read = () =>
    graph
      .get<{ keyCredentials: Graph.KeyCredential[] }>(`/applications/${app.id}`, {
        select: ['keyCredentials'],
      })
      .then((current) => current.keyCredentials ?? []);
  const keys = await read();
  const ours = keys.find((key) => thumbprintOf(key) === target.thumbprintSha1);
  if (ours) {
    return {
      value: ours.keyId ?? undefined,
      outcome: {
        state: 'done',
        changed: false,
        detail: `certificate ${target.thumbprintSha1} is registered`,
      },
    };
  }
  // PATCH replaces the whole list: write back every key that is there, plus ours.
  await graph.patch(`/applications/${app.id}`, {
    keyCredentials: [
      ...keys.map((key) => ({
        keyId: key.keyId,
        type: key.type,
        usage: key.usage,
        key: key.key,
        displayName: key.displayName,
      })),
      {
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        key: target.certificateDerBase64,
        displayName: `CN=archive ${target.alias}`,
      },
    ],
  });
  const added = (await read()).find((key) => thumbprintOf(key) === target.thumbprintSha1);
  return {
    value: added?.keyId ?? undefined,
    outcome: {
      state: 'done',
      changed: true,
      writes: 1,
      detail: `uploaded certificate ${target.thumbprintSha1} (public part only)`,
    },
  };
}

/** SHA-1 thumbprint (upper-case hex) of a registered key: from its certificate, else its identifier. */
export function thumbprintOf(key: Graph.KeyCredential): string | undefined {
  if (key.key) {
    return createHash('sha1').update(Buffer.from(key.key, 'base64')).digest('hex').toUpperCase();
  }
  return key.customKeyIdentifier
    ? Buffer.from(key.customKeyIdentifier, 'base64').toString('hex').toUpperCase()
    : undefined;
}

export async function ensureRedirectUri(
  graph: GraphSession,
  app: AppRegistration,
  target: RegistrationTarget,
): Promise<StepOutcome> {
  const uris = app.web?.redirectUris ?? [];
  if (uris.includes(target.redirectUri)) {
    return { state: 'done', changed: false, detail: `${target.redirectUri} is registered (Web platform)` };
  }
  await graph.patch(`/applications/${app.id}`, { web: { redirectUris: [...uris, target.redirectUri] } });
  return { state: 'done', changed: true, writes: 1, detail: `added ${target.redirectUri} (Web platform)` };
}

export async function ensureIdTokens(
  graph: GraphSession,
  app: AppRegistration,
  options: Pick<EffectiveSetupOptions, 'idTokens'>,
): Promise<StepOutcome> {
  if (!options.idTokens) {
    return { state: 'skipped', changed: false, detail: 'the instance signs users in with code + PKCE only' };
  }
  if (app.web?.implicitGrantSettings?.enableIdTokenIssuance) {
    return { state: 'done', changed: false, detail: 'ID token issuance is enabled' };
  }
  await graph.patch(`/applications/${app.id}`, {
    web: { implicitGrantSettings: { enableIdTokenIssuance: true } },
  });
  return { state: 'done', changed: true, writes: 1, detail: 'enabled ID token issuance' };
}

/** A resource API's service principal in the tenant, with the ids of its app roles by value. */
export interface ResourceApi {
  servicePrincipalId: string;
  roleIds: Map<string, string>;
}

/** Reads the APIs' service principals (Microsoft Graph, Exchange Online) to learn app role ids. */
export async function resolveResources(
  graph: GraphSession,
  permissions: RequiredPermission[],
): Promise<Map<string, ResourceApi>> {
  const resources = new Map<string, ResourceApi>();
  for (const resourceAppId of new Set(permissions.map((permission) => permission.resourceAppId))) {
    const servicePrincipal = await graph.find<Graph.ServicePrincipal & { id: string }>(
      `/servicePrincipals(appId='${resourceAppId}')`,
      { select: ['id', 'appId', 'appRoles'] },
    );
    if (!servicePrincipal) continue;
    resources.set(resourceAppId, {
      servicePrincipalId: servicePrincipal.id,
      roleIds: new Map(
        (servicePrincipal.appRoles ?? [])
          .filter((role) => role.value && role.id)
          .map((role) => [role.value as string, role.id as string]),
      ),
    });
  }
  return resources;
}

/** Names the permissions whose API or app role the tenant does not have. */
export function unresolvable(
  permissions: RequiredPermission[],
  resources: Map<string, ResourceApi>,
): string[] {
  return permissions
    .filter((permission) => !resources.get(permission.resourceAppId)?.roleIds.has(permission.value))
    .map((permission) => `${permission.resourceName} ${permission.value}`);
}

export async function ensureRequiredResourceAccess(
  graph: GraphSession,
  app: AppRegistration,
  permissions: RequiredPermission[],
  resources: Map<string, ResourceApi>,
): Promise<StepOutcome> {
  const current = (app.requiredResourceAccess ?? []).map((entry) => ({
    resourceAppId: entry.resourceAppId ?? '',
    resourceAccess: (entry.resourceAccess ?? []).map((access) => ({
      id: access.id ?? '',
      type: access.type ?? 'Role',
    })),
  }));
  const added: string[] = [];
  for (const permission of permissions) {
    const roleId = resources.get(permission.resourceAppId)?.roleIds.get(permission.value);
    if (!roleId) continue;
    let entry = current.find(
      (candidate) => candidate.resourceAppId.toLowerCase() === permission.resourceAppId,
    );
    if (!entry) {
      entry = { resourceAppId: permission.resourceAppId, resourceAccess: [] };
      current.push(entry);
    }
    if (
      !entry.resourceAccess.some((access) => access.id.toLowerCase() === roleId && access.type === 'Role')
    ) {
      entry.resourceAccess.push({ id: roleId, type: 'Role' });
      added.push(permission.value);
    }
  }
  const names = permissions.map((permission) => permission.value).join(', ');
  if (added.length === 0) return { state: 'done', changed: false, detail: `requests ${names}` };
  await graph.patch(`/applications/${app.id}`, { requiredResourceAccess: current });
  return {
    state: 'done',
    changed: true,
    writes: 1,
    detail: `added ${added.join(', ')} (now requests ${names})`,
  };
}

/**
 * Nested app authentication for the Outlook add-in: our API as `api://{appId}` with a delegated
 * `access_as_user` scope, and the SPA redirect URI `brk-multihub://<add-in origin host>`.
 */
export async function ensureAddInApi(
  graph: GraphSession,
  app: AppRegistration,
  options: Pick<EffectiveSetupOptions, 'addInOrigin'>,
  newScopeId: () => string,
): Promise<StepOutcome> {
  if (!options.addInOrigin) {
    return { state: 'skipped', changed: false, detail: 'the instance does not use the Outlook add-in' };
  }
  const identifierUri = `api://${app.appId}`;
  const brokerUri = `brk-multihub://${new URL(options.addInOrigin).host}`;
  const changes: Record<string, unknown> = {};
  const done: string[] = [];
  if (!(app.identifierUris ?? []).includes(identifierUri)) {
    changes['identifierUris'] = [...(app.identifierUris ?? []), identifierUri];
    done.push(`identifier URI ${identifierUri}`);
  }
  const scopes = app.api?.oauth2PermissionScopes ?? [];
  if (!scopes.some((scope) => scope.value === 'access_as_user')) {
    changes['api'] = {
      oauth2PermissionScopes: [
        ...scopes,
        {
          id: newScopeId(),
          value: 'access_as_user',
          type: 'User',
          isEnabled: true,
          adminConsentDisplayName: 'Access the archive as the signed-in user',
          adminConsentDescription: 'Lets the Outlook add-in call the archive as the signed-in user.',
          userConsentDisplayName: 'Access the archive as you',
          userConsentDescription: 'Lets the Outlook add-in call the archive on your behalf.',
        },
      ],
    };
    done.push('scope access_as_user');
  }
  if (!(app.spa?.redirectUris ?? []).includes(brokerUri)) {
    changes['spa'] = { redirectUris: [...(app.spa?.redirectUris ?? []), brokerUri] };
    done.push(`SPA redirect URI ${brokerUri}`);
  }
  if (done.length === 0) {
    return {
      state: 'done',
      changed: false,
      detail: `${identifierUri}/access_as_user and ${brokerUri} are registered`,
    };
  }
  await graph.patch(`/applications/${app.id}`, changes);
  return { state: 'done', changed: true, writes: 1, detail: `added ${done.join(', ')}` };
}

export async function ensureServicePrincipal(
  graph: GraphSession,
  app: AppRegistration,
): Promise<StepResult<string>> {
  const existing = await graph.find<{ id: string }>(`/servicePrincipals(appId='${app.appId}')`, {
    select: ['id'],
  });
  if (existing) {
    return {
      value: existing.id,
      outcome: { state: 'done', changed: false, detail: `service principal ${existing.id} exists` },
    };
  }
  const created = await graph.post<{ id: string }>('/servicePrincipals', { appId: app.appId });
  return {
    value: created.id,
    outcome: { state: 'done', changed: true, writes: 1, detail: `created service principal ${created.id}` },
  };
}

/** Admin consent for application permissions = one app role assignment per permission. */
export async function ensureAdminConsent(
  graph: GraphSession,
  servicePrincipalId: string,
  permissions: RequiredPermission[],
  resources: Map<string, ResourceApi>,
): Promise<StepOutcome> {
  const held = await graph.get<{ value: Graph.AppRoleAssignment[] }>(
    `/servicePrincipals/${servicePrincipalId}/appRoleAssignments`,
  );
  const granted: string[] = [];
  for (const permission of permissions) {
    const resource = resources.get(permission.resourceAppId);
    const appRoleId = resource?.roleIds.get(permission.value);
    if (!resource || !appRoleId) continue;
    const present = held.value.some(
      (assignment) =>
        assignment.resourceId?.toLowerCase() === resource.servicePrincipalId.toLowerCase() &&
        assignment.appRoleId?.toLowerCase() === appRoleId.toLowerCase(),
    );
    if (present) continue;
    await graph.post(`/servicePrincipals/${servicePrincipalId}/appRoleAssignments`, {
      principalId: servicePrincipalId,
      resourceId: resource.servicePrincipalId,
      appRoleId,
    });
    granted.push(permission.value);
  }
  const names = permissions.map((permission) => permission.value).join(', ');
  return granted.length === 0
    ? { state: 'done', changed: false, detail: `consented: ${names}` }
    : {
        state: 'done',
        changed: true,
        writes: granted.length,
        detail: `granted admin consent for ${granted.join(', ')}`,
      };
}

export { requiredPermissions };
