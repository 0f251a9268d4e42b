import type * as Graph from '@microsoft/microsoft-graph-types';
import { DirectoryError } from './directory-error';

export type StoredApplication = Graph.Application & { id: string; appId: string };
export type StoredServicePrincipal = Graph.ServicePrincipal & { id: string; appId: string };
export type StoredAppRoleAssignment = Graph.AppRoleAssignment & {
  id: string;
  principalId: string;
  resourceId: string;
};
export type StoredPermissionGrant = Graph.OAuth2PermissionGrant & {
  id: string;
  clientId: string;
  resourceId: string;
};

function normaliseIdentifier(identifier: string): string {
  return identifier.toLowerCase().replace(/\/+$/, '');
}

/**
 * App registrations, service principals and consent (app role assignments for application
 * permissions, OAuth2 permission grants for delegated ones) of one tenant.
 */
export class ApplicationDirectory {
  private readonly applications = new Map<string, StoredApplication>();
  private readonly applicationsByAppId = new Map<string, StoredApplication>();
  private readonly servicePrincipals = new Map<string, StoredServicePrincipal>();
  private readonly servicePrincipalsByAppId = new Map<string, StoredServicePrincipal>();
  private readonly servicePrincipalsByName = new Map<string, StoredServicePrincipal>();
  private readonly assignments = new Map<string, StoredAppRoleAssignment>();
  /** Assignment ids by principal and by resource, so a token or sign-in never scans every assignment. */
  private readonly assignmentsByPrincipal = new Map<string, Set<string>>();
  private readonly assignmentsByResource = new Map<string, Set<string>>();
  private readonly grants = new Map<string, StoredPermissionGrant>();

  // Applications

  allApplications(): StoredApplication[] {
    return [...this.applications.values()];
  }

  applicationById(id: string): StoredApplication | undefined {
    return this.applications.get(id.toLowerCase());
  }

  applicationByAppId(appId: string): StoredApplication | undefined {
    return this.applicationsByAppId.get(appId.toLowerCase());
  }

  addApplication(application: Graph.Application): StoredApplication {
    if (!application.id || !application.appId)
      throw new DirectoryError('badRequest', 'Every application needs an id and an appId.');
    const stored = {
      ...application,
      id: application.id.toLowerCase(),
      appId: application.appId.toLowerCase(),
    };
    if (this.applications.has(stored.id) || this.applicationsByAppId.has(stored.appId)) {
      throw new DirectoryError(
        'conflict',
        `An application with id '${stored.id}' or appId '${stored.appId}' already exists.`,
      );
    }
    this.applications.set(stored.id, stored);
    this.applicationsByAppId.set(stored.appId, stored);
    this.refreshServicePrincipalOf(stored);
    return stored;
  }

  deleteApplication(id: string): StoredApplication {
    const application = this.applicationById(id);
    if (!application) throw new DirectoryError('notFound', `Application '${id}' does not exist.`);
    this.applications.delete(application.id);
    this.applicationsByAppId.delete(application.appId);
    return application;
  }

  // Service principals

  allServicePrincipals(): StoredServicePrincipal[] {
    return [...this.servicePrincipals.values()];
  }

  servicePrincipalById(id: string): StoredServicePrincipal | undefined {
    return this.servicePrincipals.get(id.toLowerCase());
  }

  servicePrincipalByAppId(appId: string): StoredServicePrincipal | undefined {
    return this.servicePrincipalsByAppId.get(appId.toLowerCase());
  }

  servicePrincipalByIdentifier(identifierOrAppId: string): StoredServicePrincipal | undefined {
    return (
      this.servicePrincipalByAppId(identifierOrAppId) ??
      this.servicePrincipalsByName.get(normaliseIdentifier(identifierOrAppId))
    );
  }

  addServicePrincipal(servicePrincipal: Graph.ServicePrincipal): StoredServicePrincipal {
    if (!servicePrincipal.id || !servicePrincipal.appId) {
      throw new DirectoryError('badRequest', 'Every service principal needs an id and an appId.');
    }
    const stored = {
      ...servicePrincipal,
      id: servicePrincipal.id.toLowerCase(),
      appId: servicePrincipal.appId.toLowerCase(),
    };
    if (this.servicePrincipals.has(stored.id) || this.servicePrincipalsByAppId.has(stored.appId)) {
      throw new DirectoryError(
        'conflict',
        `The service principal cannot be created, updated, or restored because the service principal name ${stored.appId} is already in use.`,
      );
    }
    this.servicePrincipals.set(stored.id, stored);
    this.servicePrincipalsByAppId.set(stored.appId, stored);
    for (const name of stored.servicePrincipalNames ?? [])
      this.servicePrincipalsByName.set(normaliseIdentifier(name), stored);
    const application = this.applicationByAppId(stored.appId);
    if (application) this.refreshServicePrincipalOf(application);
    return stored;
  }

  /**
   * The service principal of an app registered here mirrors the registration: its names include the
   * app's identifier URIs (so `api://{appId}/.default` finds it), and it exposes the app's scopes and roles.
   */
  refreshServicePrincipalOf(application: StoredApplication): void {
    const servicePrincipal = this.servicePrincipalByAppId(application.appId);
    if (!servicePrincipal) return;
    for (const name of servicePrincipal.servicePrincipalNames ?? [])
      this.servicePrincipalsByName.delete(normaliseIdentifier(name));
    servicePrincipal.servicePrincipalNames = [
      ...new Set([application.appId, ...(application.identifierUris ?? [])]),
    ];
    for (const name of servicePrincipal.servicePrincipalNames)
      this.servicePrincipalsByName.set(normaliseIdentifier(name), servicePrincipal);
    // A scope removed from the registration is gone from its service principal too.
    if (application.api)
      servicePrincipal.oauth2PermissionScopes = application.api.oauth2PermissionScopes ?? [];
    if (application.appRoles?.length) servicePrincipal.appRoles = application.appRoles;
  }

  deleteServicePrincipal(id: string): StoredServicePrincipal {
    const servicePrincipal = this.servicePrincipalById(id);
    if (!servicePrincipal) throw new DirectoryError('notFound', `Service principal '${id}' does not exist.`);
    this.servicePrincipals.delete(servicePrincipal.id);
    this.servicePrincipalsByAppId.delete(servicePrincipal.appId);
    for (const name of servicePrincipal.servicePrincipalNames ?? [])
      this.servicePrincipalsByName.delete(normaliseIdentifier(name));
    for (const assignment of [
      ...this.assignmentsHeldBy(servicePrincipal.id),
      ...this.assignmentsOnResource(servicePrincipal.id),
    ])
      this.removeAssignment(assignment);
    for (const grant of [...this.grants.values()]) {
      if (grant.clientId === servicePrincipal.id || grant.resourceId === servicePrincipal.id)
        this.grants.delete(grant.id);
    }
    return servicePrincipal;
  }

  // Consent

  addAppRoleAssignment(assignment: StoredAppRoleAssignment): StoredAppRoleAssignment {
    const duplicate = this.assignmentsHeldBy(assignment.principalId).some(
      (existing) =>
        existing.resourceId === assignment.resourceId && existing.appRoleId === assignment.appRoleId,
    );
    if (duplicate)
      throw new DirectoryError('badRequest', 'Permission being assigned already exists on the object');
    this.assignments.set(assignment.id, assignment);
    indexed(this.assignmentsByPrincipal, assignment.principalId).add(assignment.id);
    indexed(this.assignmentsByResource, assignment.resourceId).add(assignment.id);
    return assignment;
  }

  appRoleAssignmentById(id: string): StoredAppRoleAssignment | undefined {
    return this.assignments.get(id);
  }

  deleteAppRoleAssignment(id: string): void {
    const assignment = this.assignments.get(id);
    if (!assignment) throw new DirectoryError('notFound', `App role assignment '${id}' does not exist.`);
    this.removeAssignment(assignment);
  }

  /** Assignments held by a principal (what `/servicePrincipals/{id}/appRoleAssignments` lists). */
  assignmentsHeldBy(principalId: string): StoredAppRoleAssignment[] {
    return this.assignmentsIn(this.assignmentsByPrincipal.get(principalId.toLowerCase()));
  }

  /** Assignments granted on a resource (what `/servicePrincipals/{id}/appRoleAssignedTo` lists). */
  assignmentsOnResource(resourceId: string): StoredAppRoleAssignment[] {
    return this.assignmentsIn(this.assignmentsByResource.get(resourceId.toLowerCase()));
  }

  private assignmentsIn(ids: Set<string> | undefined): StoredAppRoleAssignment[] {
    return [...(ids ?? [])]
      .map((id) => this.assignments.get(id))
      .filter((assignment): assignment is StoredAppRoleAssignment => assignment !== undefined);
  }

  private removeAssignment(assignment: StoredAppRoleAssignment): void {
    this.assignments.delete(assignment.id);
    this.assignmentsByPrincipal.get(assignment.principalId)?.delete(assignment.id);
    this.assignmentsByResource.get(assignment.resourceId)?.delete(assignment.id);
  }

  addGrant(grant: StoredPermissionGrant): StoredPermissionGrant {
    this.grants.set(grant.id, grant);
    return grant;
  }

  allGrants(): StoredPermissionGrant[] {
    return [...this.grants.values()];
  }

  grantById(id: string): StoredPermissionGrant | undefined {
    return this.grants.get(id);
  }

  deleteGrant(id: string): void {
    if (!this.grants.delete(id))
      throw new DirectoryError('notFound', `OAuth2 permission grant '${id}' does not exist.`);
  }
}

function indexed(index: Map<string, Set<string>>, key: string): Set<string> {
  let ids = index.get(key);
  if (!ids) {
    ids = new Set();
    index.set(key, ids);
  }
  return ids;
}
