import type * as Graph from '@microsoft/microsoft-graph-types';
import type { TenantState } from '../../store/store.types';
import { aadsts } from '../errors/aadsts-catalog';
import { wellKnownPublicClient } from './well-known-clients';

/** The application a request names by `client_id`, seen from the tenant the request is for. */
export interface RegisteredClient {
  appId: string;
  displayName: string;
  /** The tenant the token is issued in. */
  tenant: TenantState;
  /** The app registration (absent for Microsoft's first-party public clients). */
  application?: Graph.Application;
  /**
   * A multi-tenant app registered in another tenant. It may sign users in and get tokens here only
   * once its service principal exists here (admin consent): without one, `servicePrincipalId` is unset.
   */
  isForeign: boolean;
  /** Object id of the client's service principal in `tenant`, when it has one. */
  servicePrincipalId?: string;
  /** False when an administrator disabled the app's service principal (enterprise app) in this tenant. */
  enabled: boolean;
  /** "Assignment required": only users assigned to the app may sign in to it. */
  assignmentRequired: boolean;
  /** The app's own roles, given to assigned users in the id_token's `roles`. */
  appRoles: Graph.AppRole[];
  isWellKnownPublicClient: boolean;
  /** `isFallbackPublicClient`: the app may use public-client flows (device code) without a credential. */
  allowsPublicClientFlows: boolean;
  webRedirectUris: string[];
  publicClientRedirectUris: string[];
  spaRedirectUris: string[];
  idTokenIssuanceEnabled: boolean;
  keyCredentials: Graph.KeyCredential[];
  passwordCredentials: Graph.PasswordCredential[];
}

/**
 * Finds the client in the tenant: its own app registration, a multi-tenant app registered in another
 * tenant (with or without a service principal here: callers refuse the latter with Entra's error), or
 * one of Microsoft's well-known public clients.
 */
export function findRegisteredClient(
  tenant: TenantState,
  allTenants: () => TenantState[],
  appId: string,
): RegisteredClient | undefined {
  const servicePrincipal = tenant.servicePrincipalByAppId(appId);
  const own = tenant.applicationByAppId(appId);
  if (own) return fromApplication(tenant, own, servicePrincipal, false);
  const foreign = findHomeApplication(allTenants(), appId);
  if (foreign) return fromApplication(tenant, foreign, servicePrincipal, true);
  const wellKnown = wellKnownPublicClient(appId);
  if (!wellKnown) return undefined;
  return {
    appId: wellKnown.appId,
    displayName: wellKnown.displayName,
    tenant,
    isForeign: false,
    servicePrincipalId: servicePrincipal?.id ?? undefined,
    enabled: servicePrincipal?.accountEnabled !== false,
    assignmentRequired: false,
    appRoles: [],
    isWellKnownPublicClient: true,
    allowsPublicClientFlows: true,
    webRedirectUris: [],
    publicClientRedirectUris: wellKnown.redirectUris,
    spaRedirectUris: [],
    idTokenIssuanceEnabled: false,
    keyCredentials: [],
    passwordCredentials: [],
  };
}

/** A multi-tenant app registered in another tenant. */
export function findHomeApplication(tenants: TenantState[], appId: string): Graph.Application | undefined {
  for (const tenant of tenants) {
    const application = tenant.applicationByAppId(appId);
    if (application && application.signInAudience !== 'AzureADMyOrg') return application;
  }
  return undefined;
}

function fromApplication(
  tenant: TenantState,
  application: Graph.Application,
  servicePrincipal: Graph.ServicePrincipal | undefined,
  isForeign: boolean,
): RegisteredClient {
  const nonEmpty = (values: (string | null)[] | null | undefined): string[] =>
    (values ?? []).filter((value): value is string => !!value);
  return {
    appId: application.appId ?? '',
    displayName: application.displayName ?? application.appId ?? '',
    tenant,
    application,
    isForeign,
    servicePrincipalId: servicePrincipal?.id ?? undefined,
    enabled: servicePrincipal?.accountEnabled !== false,
    assignmentRequired: servicePrincipal?.appRoleAssignmentRequired === true,
    appRoles: application.appRoles ?? [],
    isWellKnownPublicClient: false,
    allowsPublicClientFlows: application.isFallbackPublicClient === true,
    webRedirectUris: nonEmpty(application.web?.redirectUris),
    publicClientRedirectUris: nonEmpty(application.publicClient?.redirectUris),
    spaRedirectUris: nonEmpty(application.spa?.redirectUris),
    idTokenIssuanceEnabled: application.web?.implicitGrantSettings?.enableIdTokenIssuance === true,
    keyCredentials: application.keyCredentials ?? [],
    passwordCredentials: application.passwordCredentials ?? [],
  };
}

/**
 * A single-tenant app registered in another tenant, for AADSTS50020 (a user of one tenant signing in
 * to an app that only accepts accounts of its own tenant).
 */
export function findSingleTenantApplicationElsewhere(
  tenants: TenantState[],
  appId: string,
): Graph.Application | undefined {
  for (const tenant of tenants) {
    const application = tenant.applicationByAppId(appId);
    if (application && application.signInAudience === 'AzureADMyOrg') return application;
  }
  return undefined;
}

/** Microsoft refuses every flow of an app whose service principal is disabled (AADSTS7000112). */
export function requireEnabled(client: RegisteredClient): RegisteredClient {
  if (!client.enabled) throw aadsts.applicationDisabled(client.appId, client.displayName);
  return client;
}

export type RedirectUriKind = 'web' | 'publicClient' | 'spa';

/**
 * The platform a redirect URI is registered under, or undefined when not registered. Matching is exact
 * (https://learn.microsoft.com/entra/identity-platform/reply-url), except that native clients may use any
 * port on `http://localhost` (RFC 8252 section 7.3).
 */
export function redirectUriKind(client: RegisteredClient, redirectUri: string): RedirectUriKind | undefined {
  if (client.webRedirectUris.includes(redirectUri)) return 'web';
  if (client.spaRedirectUris.includes(redirectUri)) return 'spa';
  if (client.publicClientRedirectUris.includes(redirectUri)) return 'publicClient';
  const loopback = loopbackWithoutPort(redirectUri);
  if (loopback && client.publicClientRedirectUris.some((uri) => loopbackWithoutPort(uri) === loopback))
    return 'publicClient';
  return undefined;
}

function loopbackWithoutPort(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    if (url.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
      return undefined;
    return `${url.protocol}//${url.hostname}${url.pathname}`;
  } catch {
    return undefined;
  }
}
