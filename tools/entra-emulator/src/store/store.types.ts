import type * as Graph from '@microsoft/microsoft-graph-types';
import type { EmulatorFixture, FixtureGroup, FixtureUser } from '../fixture/fixture.types';
import type { AdminConsentGrant } from './admin-consent';

/**
 * The in-memory directory behind both halves of the emulator. The identity half (tokens, sign-in)
 * reads it; the Graph half reads and writes it; the control API seeds and changes it while running.
 */
export interface EmulatorStore {
  /** Finds a tenant by its id (GUID) or by any of its verified domain names, case-insensitively. */
  tenant(idOrDomain: string): TenantState | undefined;
  tenants(): TenantState[];
  /** Adds the fixture's tenants, replacing tenants with the same id. */
  load(fixture: EmulatorFixture): void;
  /** Drops every tenant. */
  reset(): void;
}

export interface TenantState {
  readonly id: string;
  readonly organization: Graph.Organization & { id: string };

  userById(id: string): FixtureUser | undefined;
  /** Case-insensitive, as Entra ID matches sign-in names. */
  userByPrincipalName(userPrincipalName: string): FixtureUser | undefined;
  groupById(id: string): FixtureGroup | undefined;

  applicationByAppId(appId: string): Graph.Application | undefined;
  /** Includes Microsoft's first-party service principals (Microsoft Graph, Office 365 Exchange Online). */
  servicePrincipalByAppId(appId: string): Graph.ServicePrincipal | undefined;
  /** Resolves a resource named in a scope, e.g. `https://graph.microsoft.com` or its appId. */
  servicePrincipalByIdentifier(identifierUriOrAppId: string): Graph.ServicePrincipal | undefined;
  /** Application permissions granted (admin consent) to the service principal with this object id. */
  appRoleAssignmentsOf(servicePrincipalId: string): Graph.AppRoleAssignment[];
  /** Delegated permission grants whose clientId is the service principal with this object id. */
  delegatedGrantsOf(servicePrincipalId: string): Graph.OAuth2PermissionGrant[];
  /** Directory role definition ids assigned to the principal (for the `wids` claim). */
  directoryRolesOf(principalId: string): string[];
  /** Admin consent: creates the app's service principal here if needed and grants what was consented. */
  grantAdminConsent(
    application: Graph.Application & { appId: string },
    consent: Omit<AdminConsentGrant, 'nowIso'>,
  ): Graph.ServicePrincipal;
}
