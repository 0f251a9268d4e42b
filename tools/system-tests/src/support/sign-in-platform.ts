import {
  startEmulator,
  trustEmulatorCaInProcess,
  type EmulatorFixture,
  type RunningEmulator,
} from '@archive365/entra-emulator';
import { Subjects, type SignInResponseType } from '@archive365/contracts';
import { connectTestRpc, type TestRpc } from '@archive365/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CookieClient } from './cookie-client';
import { HttpsFront } from './https-front';
import { TestPlatform } from './platform';

export const CONTOSO = '3d4c5b6a-0000-4000-8000-00000000c0de';
export const FABRIKAM = '7e8f9a0b-0000-4000-8000-00000000fab1';
export const APP_ID = '5a5a5a5a-1111-4222-8333-444444444444';

export interface TestUser {
  id: string;
  upn: string;
  password: string;
}

export const ALICE: TestUser = {
  id: 'a11ce000-0000-4000-8000-000000000001',
  upn: 'alice@contoso.onmicrosoft.com',
  password: 'Alice-Pa55!',
};
export const BOB: TestUser = {
  id: 'b0b00000-0000-4000-8000-000000000002',
  upn: 'bob@contoso.onmicrosoft.com',
  password: 'Bob-Pa55!',
};
export const MALLORY: TestUser = {
  id: 'fa110000-0000-4000-8000-000000000003',
  upn: 'mallory@fabrikam.onmicrosoft.com',
  password: 'Mallory-Pa55!',
};

const user = (who: TestUser, displayName: string) => ({
  id: who.id,
  userPrincipalName: who.upn,
  displayName,
  mail: who.upn,
  accountEnabled: true,
  userType: 'Member',
  emulatorPassword: who.password,
});

function tenant(
  id: string,
  domain: string,
  name: string,
  users: object[],
  applications: object[],
  servicePrincipals: object[],
) {
  return {
    organization: {
      id,
      displayName: name,
      verifiedDomains: [{ name: domain, isDefault: true, isInitial: true }],
    },
    users,
    groups: [],
    applications,
    servicePrincipals,
  };
}

/** Contoso runs the archive app; Fabrikam is another organization whose users must be refused. */
export function signInFixture(redirectUri: string): EmulatorFixture {
  return {
    tenants: [
      tenant(
        CONTOSO,
        'contoso.onmicrosoft.com',
        'Contoso',
        [user(ALICE, 'Alice Archive'), user(BOB, 'Bob Unsynced')],
        [
          {
            id: '5b5b5b5b-0000-4000-8000-000000000001',
            appId: APP_ID,
            displayName: 'Email Archive',
            signInAudience: 'AzureADMyOrg',
            keyCredentials: [],
            web: {
              redirectUris: [redirectUri],
              implicitGrantSettings: { enableIdTokenIssuance: true, enableAccessTokenIssuance: false },
            },
          },
        ],
        [
          {
            id: '5c5c5c5c-0000-4000-8000-000000000001',
            appId: APP_ID,
            displayName: 'Email Archive',
            accountEnabled: true,
          },
        ],
      ),
      tenant(FABRIKAM, 'fabrikam.onmicrosoft.com', 'Fabrikam', [user(MALLORY, 'Mallory Other')], [], []),
    ],
  } as EmulatorFixture;
}

export interface SignInPlatform {
  platform: TestPlatform;
  emulator: RunningEmulator;
  front: HttpsFront;
  rpc: TestRpc;
  alias: string;
  credentialId: string;
  /** `https://localhost:<port>/<alias>`. */
  base: string;
  client(): CookieClient;
  close(): Promise<void>;
}

/**
 * The real services the sign-in needs (credentials, auth-gateway; directory-sync when asked) on NATS and
 * PostgreSQL, the emulator as Microsoft, and an HTTPS front; one instance whose users sign in.
 */
export async function startSignInPlatform(options: {
  responseType: SignInResponseType;
  alias?: string;
  services?: 'directory-sync'[];
  gatewayEnv?: Record<string, string>;
}): Promise<SignInPlatform> {
  const alias = options.alias ?? 'contoso';
  const front = await HttpsFront.start();
  const emulator = await startEmulator({
    fixture: signInFixture(`${front.url}/${alias}/oidc/signin`),
    stateDir: mkdtempSync(join(tmpdir(), 'sign-in-emulator-')),
  });
  trustEmulatorCaInProcess(emulator.caCertPem);
  const platform = TestPlatform.create();
  let rpc: TestRpc | undefined;
  const closeAll = async () => {
    await rpc?.close();
    await platform.close();
    await front.close();
    await emulator.close();
  };
  let credentialId: string;
  try {
    const authority = { ENTRA_AUTHORITY_HOST: emulator.url, ENTRA_CA_FILE: emulator.caCertPath };
    platform.serviceEnv.credentials = { ...platform.serviceEnv.credentials, ...authority };
    platform.serviceEnv['directory-sync'] = { ...platform.serviceEnv['directory-sync'], ...authority };
    platform.serviceEnv['auth-gateway'] = {
      ...authority,
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000',
      ...options.gatewayEnv,
    };
    await platform.start('credentials');
    for (const service of options.services ?? []) await platform.start(service);
    front.target = (await platform.start('auth-gateway')).url;
    rpc = await connectTestRpc(platform.ns.natsUrl, platform.ns.namespace);
    credentialId = await setUpInstance(rpc, emulator, alias, front.url, options.responseType);
  } catch (error) {
    await closeAll();
    throw error;
  }
  const clients: CookieClient[] = [];
  return {
    platform,
    emulator,
    front,
    rpc: rpc as TestRpc,
    alias,
    credentialId,
    base: `${front.url}/${alias}`,
    client: () => {
      const client = new CookieClient([front.certPem, emulator.caCertPem]);
      clients.push(client);
      return client;
    },
    close: async () => {
      await Promise.all(clients.map((client) => client.close()));
      await closeAll();
    },
  };
}

/** The administrator's steps: instance, credential (certificate uploaded to the app), sign-in settings. */
async function setUpInstance(
  rpc: TestRpc,
  emulator: RunningEmulator,
  alias: string,
  publicBaseUrl: string,
  responseType: SignInResponseType,
): Promise<string> {
  await rpc.rpc.send(Subjects.CreateInstance, { alias, displayName: 'Contoso', publicBaseUrl });
  // Generating an RSA key takes seconds on a busy machine.
  const credential = await rpc.rpc.send(
    Subjects.CreateCredential,
    { instanceAlias: alias, name: 'Contoso archive', clientId: APP_ID, tenantId: CONTOSO },
    { timeoutMs: 60_000 },
  );
  const certificate = await rpc.rpc.send(Subjects.DownloadCertificate, {
    credentialId: credential.id,
    format: 'der',
  });
  emulator.store
    .tenant(CONTOSO)
    ?.applicationByAppId(APP_ID)
    ?.keyCredentials?.push({
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
      key: certificate.contentBase64,
      keyId: '0c0c0c0c-0000-4000-8000-000000000001',
      startDateTime: new Date(Date.now() - 60_000).toISOString(),
      endDateTime: new Date(Date.now() + 86_400_000).toISOString(),
    });
  await rpc.rpc.send(Subjects.ConfigureSignIn, {
    instanceAlias: alias,
    credentialId: credential.id,
    responseType,
  });
  return credential.id;
}
