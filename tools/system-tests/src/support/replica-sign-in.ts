import { Subjects } from '@archive365/contracts';
import { signInWithPassword, type RunningEmulator } from '@archive365/entra-emulator';
import type { RpcClient } from '@archive365/messaging';
import { waitFor } from '@archive365/testing';
import type { CookieClient } from './cookie-client';
import type { HttpsFront } from './https-front';
import { PASSWORD } from './sign-in-platform';
import {
  TENANT_ID,
  addTenantUser,
  credentialWithUploadedCertificate,
  directoryReaderApp,
  type TenantUser,
} from './token-tenant';

/** Where a request lands: a gateway replica's own HTTP URL. */
export interface Replica {
  url: string;
}

/**
 * An instance of the token tenant that users sign in to with the code flow, reached through the HTTPS
 * front: the archive's app registration (web redirect URI at the front, directory read consent), its
 * credential, sign-in settings, and the given users, brought into the archive by a real full sync run.
 */
export async function signInInstance(
  rpc: RpcClient,
  emulator: RunningEmulator,
  front: HttpsFront,
  alias: string,
  nicknames: string[],
): Promise<{ base: string; users: TenantUser[] }> {
  const base = `${front.url}/${alias}`;
  const appId = await directoryReaderApp(emulator);
  const registration = emulator.store.tenant(TENANT_ID)?.applicationByAppId(appId);
  if (!registration) throw new Error('the emulator did not create the app registration');
  registration.web = {
    redirectUris: [`${base}/oidc/signin`],
    implicitGrantSettings: { enableIdTokenIssuance: true, enableAccessTokenIssuance: false },
  };
  const credentialId = await credentialWithUploadedCertificate(rpc, emulator, alias, appId, front.url);
  await waitFor(`the ${alias} sync profile`, () =>
    rpc.send(Subjects.AssignSyncCredential, { instanceAlias: alias, credentialId }).catch(() => undefined),
  );
  await rpc.send(Subjects.ConfigureSignIn, { instanceAlias: alias, credentialId, responseType: 'code' });
  await rpc.send(Subjects.UpdateSyncConfiguration, { instanceAlias: alias, userFilter: 'enabled' });

  const users = await Promise.all(nicknames.map((nickname) => addTenantUser(emulator, nickname)));
  const started = await rpc.send(Subjects.StartSync, {
    instanceAlias: alias,
    kind: 'full',
    requestedBy: 'test',
  });
  const run = await waitFor(
    `run ${started.id} to settle`,
    async () => {
      const current = await rpc.send(Subjects.GetSyncRun, { runId: started.id });
      return ['reading', 'applying', 'publishing'].includes(current.state) ? undefined : current;
    },
    30_000,
  );
  if (run.state !== 'succeeded' || run.counts.create !== users.length) {
    throw new Error(`the sync run did not bring the users in: ${JSON.stringify(run)}`);
  }
  return { base, users };
}

/**
 * A browser's sign-in, with the front sending its requests where the test says: the login (the
 * authorization request and the state behind it) to one replica, the user's password to the emulator,
 * and the redirect back with the code to `callbackAt`, which redeems it.
 */
export async function signInAcross(
  front: HttpsFront,
  client: CookieClient,
  base: string,
  user: TenantUser,
  route: { loginAt: Replica; callbackAt: Replica },
) {
  front.target = route.loginAt.url;
  const login = await client.request(`${base}/oidc/login`);
  if (login.status !== 303 || !login.location) throw new Error(`login answered ${login.status}`);
  const signedIn = await signInWithPassword({
    authorizeUrl: login.location,
    userPrincipalName: user.upn,
    password: PASSWORD,
    fetch: client.fetch,
  });
  if (!signedIn.redirect?.startsWith(`${base}/oidc/signin?`)) {
    throw new Error(`the emulator did not redirect back with a code (${signedIn.status})`);
  }
  front.target = route.callbackAt.url;
  const callback = await client.request(signedIn.redirect);
  return { callback, callbackUrl: signedIn.redirect };
}

/** A request through the front, landing on the given replica. */
export function requestAt(
  front: HttpsFront,
  replica: Replica,
  client: CookieClient,
  url: string,
  init?: Parameters<CookieClient['request']>[1],
) {
  front.target = replica.url;
  return client.request(url, init);
}

/** The `kid` in the protected header of a compact JWT: which replica's key signed it. */
export function signingKid(jwt: string): string {
  const header = JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString()) as { kid?: string };
  return header.kid ?? '';
}
