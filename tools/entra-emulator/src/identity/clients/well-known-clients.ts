/**
 * Microsoft's first-party public clients that exist in every tenant without an app registration
 * (https://learn.microsoft.com/troubleshoot/entra/entra-id/governance/verify-first-party-apps-sign-in).
 * Administrators sign in to them with the device code flow or a browser to manage a tenant.
 */
export interface WellKnownPublicClient {
  appId: string;
  displayName: string;
  /** Redirect URIs these native clients use for interactive sign-in. */
  redirectUris: string[];
}

export const WELL_KNOWN_PUBLIC_CLIENTS: readonly WellKnownPublicClient[] = [
  {
    appId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
    displayName: 'Microsoft Azure CLI',
    redirectUris: ['http://localhost'],
  },
  {
    appId: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
    displayName: 'Microsoft Graph Command Line Tools',
    redirectUris: ['http://localhost', 'https://login.microsoftonline.com/common/oauth2/nativeclient'],
  },
];

export function wellKnownPublicClient(appId: string): WellKnownPublicClient | undefined {
  return WELL_KNOWN_PUBLIC_CLIENTS.find((client) => client.appId === appId.toLowerCase());
}

/**
 * Directory roles (template ids) whose holders may consent for the whole organization, so their own
 * sign-in to a first-party tool is consented at the prompt
 * (https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent).
 */
export const CONSENT_GRANTING_ROLE_TEMPLATE_IDS: ReadonlySet<string> = new Set([
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
  'e8611ab8-c189-46e8-94e1-60213ab1f814', // Privileged Role Administrator
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', // Application Administrator
  '158c047a-c907-4556-b7ef-446551a6b5f7', // Cloud Application Administrator
]);
