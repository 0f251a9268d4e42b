import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';

/**
 * The hosting provider's own tenant in the emulator, before the services start: the admin console's
 * app registration (the admin API's redirect URI, a client secret) and one administrator who can sign
 * in. Writes the admin API's sign-in settings as a shell file for the demo script to source.
 */
async function main(): Promise<void> {
  const [emulatorUrl, adminApiUrl, envFile] = process.argv.slice(2);
  if (!emulatorUrl || !adminApiUrl || !envFile) {
    throw new Error('usage: provider-tenant.ts <emulator URL> <admin API URL> <env file>');
  }
  const tenantId = randomUUID();
  const clientId = randomUUID();
  const adminId = randomUUID();
  const secret = randomBytes(24).toString('base64url');
  const password = `Demo-${randomBytes(6).toString('base64url')}`;
  const domain = 'archivehosting.onmicrosoft.com';
  const fixture = {
    organization: {
      id: tenantId,
      displayName: 'Archive Hosting',
      verifiedDomains: [{ name: domain, isDefault: true, isInitial: true }],
    },
    users: [
      {
        id: adminId,
        userPrincipalName: `ada@${domain}`,
        displayName: 'Ada Administrator',
        accountEnabled: true,
        emulatorPassword: password,
      },
    ],
    groups: [],
    applications: [
      {
        id: randomUUID(),
        appId: clientId,
        displayName: 'archive365 admin console',
        signInAudience: 'AzureADMyOrg',
        web: {
          redirectUris: [`${adminApiUrl}/api/auth/callback`],
          implicitGrantSettings: { enableIdTokenIssuance: false },
        },
        passwordCredentials: [
          {
            keyId: randomUUID(),
            displayName: 'admin API',
            secretText: secret,
            endDateTime: new Date(Date.now() + 86_400_000).toISOString(),
          },
        ],
      },
    ],
    servicePrincipals: [
      { id: randomUUID(), appId: clientId, displayName: 'archive365 admin console', accountEnabled: true },
    ],
  };
  const response = await fetch(`${emulatorUrl}/_emulator/tenants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fixture }),
  });
  if (response.status !== 201) {
    throw new Error(`the emulator refused the provider tenant: ${response.status} ${await response.text()}`);
  }
  const env = {
    ADMIN_OIDC_TENANT_ID: tenantId,
    ADMIN_OIDC_CLIENT_ID: clientId,
    ADMIN_OIDC_CLIENT_SECRET: secret,
    ADMIN_BOOTSTRAP_ADMIN_OID: adminId,
    DEMO_PROVIDER_DOMAIN: domain,
    DEMO_ADMIN_UPN: `ada@${domain}`,
    DEMO_ADMIN_PASSWORD: password,
  };
  writeFileSync(
    envFile,
    Object.entries(env)
      .map(([key, value]) => `${key}='${value}'\n`)
      .join(''),
    { mode: 0o600 },
  );
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
