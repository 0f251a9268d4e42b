import { Subjects } from '@archive365/contracts';
import type { RpcClient } from '@archive365/messaging';
import { startEmulator, trustEmulatorCaInProcess, type RunningEmulator } from '@archive365/entra-emulator';
import { PASSWORD } from './sign-in-platform';

export const TENANT_ID = '7d6c5b4a-3e2f-4a1b-9c0d-1e2f3a4b5c6d';
export const CLIENT_ID = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';

/** An emulated tenant with one app registration (no certificate yet), trusted by this process. */
export async function startTokenTenant(): Promise<RunningEmulator> {
  const emulator = await startEmulator({
    fixture: {
      tenants: [
        {
          organization: {
            id: TENANT_ID,
            displayName: 'Contoso',
            verifiedDomains: [{ name: 'contoso.onmicrosoft.com', isDefault: true, isInitial: true }],
          },
          users: [],
          groups: [],
          applications: [
            {
              id: '3c4d5e6f-0000-4000-8000-000000000001',
              appId: CLIENT_ID,
              displayName: 'Email Archive',
              keyCredentials: [],
            },
          ],
          servicePrincipals: [
            {
              id: '3c4d5e6f-0000-4000-8000-000000000002',
              appId: CLIENT_ID,
              displayName: 'Email Archive',
              accountEnabled: true,
            },
          ],
        },
      ],
    },
  });
  trustEmulatorCaInProcess(emulator.caCertPem);
  return emulator;
}

/** Settings that point a credentials service at the emulator. */
export function credentialsEnvFor(emulator: RunningEmulator): Record<string, string> {
  return { ENTRA_AUTHORITY_HOST: emulator.url, ENTRA_CA_FILE: emulator.caCertPath };
}

/**
 * Creates an instance and a credential over NATS and uploads the credential's certificate to the
 * emulated app registration, as an administrator does in the Azure portal: tokens can then be issued.
 */
export async function credentialWithUploadedCertificate(
  rpc: RpcClient,
  emulator: RunningEmulator,
  alias: string,
  clientId = CLIENT_ID,
  publicBaseUrl = 'https://archive.example.net',
): Promise<string> {
  await rpc.send(Subjects.CreateInstance, { alias, displayName: alias, publicBaseUrl });
  const credential = await rpc.send(
    Subjects.CreateCredential,
    { instanceAlias: alias, name: `${alias} archive`, clientId, tenantId: TENANT_ID },
    { timeoutMs: 30000 },
  );
  const file = await rpc.send(Subjects.DownloadCertificate, { credentialId: credential.id, format: 'der' });
  emulator.store
    .tenant(TENANT_ID)
    ?.applicationByAppId(clientId)
    ?.keyCredentials?.push({
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
      key: file.contentBase64,
      keyId: crypto.randomUUID(),
      startDateTime: new Date(Date.now() - 60_000).toISOString(),
      endDateTime: new Date(Date.now() + 86_400_000).toISOString(),
    });
  return credential.id;
}

/**
 * A second app registration in the tenant, consented for reading the directory (directory sync); with
 * no `graphRoles`, an app Graph refuses to show the directory to.
 */
export async function directoryReaderApp(
  emulator: RunningEmulator,
  graphRoles = ['Directory.Read.All'],
): Promise<string> {
  const response = await fetch(`${emulator.url}/_emulator/tenants/${TENANT_ID}/apps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      displayName: 'Email Archive (sync)',
      clientSecret: 'not-used-by-the-archive-0000',
      graphRoles,
    }),
  });
  if (!response.ok) throw new Error(`creating the app: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { appId: string }).appId;
}

export interface TenantUser {
  id: string;
  upn: string;
  displayName: string;
}

/**
 * An enabled member of the tenant with a mailbox address, signing in with PASSWORD. The tenant has no
 * licenses: a sync that should bring such users in filters on `enabled`.
 */
export async function addTenantUser(emulator: RunningEmulator, nickname: string): Promise<TenantUser> {
  const upn = `${nickname}@contoso.onmicrosoft.com`;
  const displayName = `${nickname[0]?.toUpperCase()}${nickname.slice(1)} Tester`;
  const response = await fetch(`${emulator.url}/_emulator/tenants/${TENANT_ID}/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      displayName,
      userPrincipalName: upn,
      accountEnabled: true,
      userType: 'Member',
      usageLocation: 'US',
      mail: upn,
      proxyAddresses: [`SMTP:${upn}`],
      password: PASSWORD,
    }),
  });
  if (!response.ok) throw new Error(`creating ${upn}: ${response.status} ${await response.text()}`);
  return { id: ((await response.json()) as { id: string }).id, upn, displayName };
}
