import { ClientSecretCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { KeyCredential } from '@microsoft/microsoft-graph-types';
import type { AdminApiClient } from './admin-api-client';
import { EmulatorAdmin } from './emulator-admin';
import type { Narrator } from './narrator';

export interface ConsentLinkDemo {
  emulatorUrl: string;
  providerTenantId: string;
  /** A client with an API token limited to some instances: it must not reach the provider's credential. */
  limited: AdminApiClient;
  /** The instance set up by the consent link (a second archive of the same customer). */
  alias: string;
  customer: { label: string; domain: string; adminUpn: string; adminPassword: string };
}

interface CredentialView {
  id: string;
  owner: string;
  activeCertificate: { thumbprintSha1: string };
}

interface SetupView {
  state: string;
  consentUrl?: string;
  steps: { title: string; state: string; detail?: string }[];
  problem?: { message: string; fix: string };
}

interface DoctorRun {
  ok: boolean;
  checks: { name: string; outcome: string }[];
}

/**
 * The consent link, the hosting provider's one-click way: its one multi-tenant app, with a
 * provider-level credential that belongs to no instance; per instance the customer's administrator
 * opens the link and consents once, and the service checks what came back. The provider's app is
 * registered here through the emulator; everything else goes through the admin API.
 */
export async function consentLinkSetup(api: AdminApiClient, narrator: Narrator, demo: ConsentLinkDemo) {
  narrator.step("The provider's multi-tenant app, with a credential that belongs to no instance");
  const provider = new EmulatorAdmin(demo.emulatorUrl, demo.providerTenantId);
  // The app edits its own registration (redirect URIs, permissions) when instances are set up.
  const app = await provider.registerApp('Archive Hosting (multi-tenant)', ['Application.ReadWrite.All']);
  const graph = graphAs(demo.emulatorUrl, demo.providerTenantId, app.appId, app.secret);
  await graph.api(`/applications/${app.applicationId}`).patch({ signInAudience: 'AzureADMultipleOrgs' });
  narrator.say(`app registration "Archive Hosting (multi-tenant)": client ID ${app.appId}, any organization`);
  const created = await api.call<CredentialView>(
    'POST',
    '/api/provider/credentials',
    { name: 'Archive Hosting multi-tenant app', clientId: app.appId, tenantId: demo.providerTenantId },
    201,
  );
  const credential = created.body;
  narrator.say(`provider credential ${credential.id} (owner: ${credential.owner})`);
  const cer = await api.download(`/api/credentials/${credential.id}/certificate?format=der`);
  const { keyCredentials } = (await graph
    .api(`/applications/${app.applicationId}`)
    .select('keyCredentials')
    .get()) as { keyCredentials: KeyCredential[] };
  await graph.api(`/applications/${app.applicationId}`).patch({
    keyCredentials: [
      ...keyCredentials,
      {
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        key: cer.bytes.toString('base64'),
        displayName: 'provider',
      },
    ],
  });
  narrator.say(`${cer.fileName} uploaded to the provider's app`);
  const refused = await demo.limited.call<{ reason: string }>(
    'GET',
    '/api/provider/credentials',
    undefined,
    403,
  );
  const hidden = await demo.limited.call('GET', `/api/credentials/${credential.id}`, undefined, 404);
  narrator.say(
    `the "contoso" API token gets ${refused.status} ${refused.body.reason} there, and ${hidden.status} for its id`,
  );
  narrator.explain(
    'Only a caller with every instance in scope manages it. Provisioning finds it over the bus (or by ' +
      'PROVIDER_CREDENTIAL_ID when the provider runs more than one such app, e.g. once one holds ' +
      "Microsoft's limit of 256 redirect URIs).",
  );

  narrator.step(`Instance "${demo.alias}" by the consent link: the customer's administrator consents once`);
  await api.call(
    'POST',
    '/api/instances',
    {
      alias: demo.alias,
      displayName: `${demo.customer.label} (consent link)`,
      publicBaseUrl: 'https://archive.example.net',
    },
    201,
  );
  const started = await api.call<SetupView>(
    'POST',
    `/api/instances/${demo.alias}/setup/consent`,
    { tenantId: demo.customer.domain, options: { mailAccess: 'none' } },
    201,
  );
  if (!started.body.consentUrl) {
    throw new Error(
      `no consent link: ${started.body.problem?.message ?? ''} ${started.body.problem?.fix ?? ''}`,
    );
  }
  narrator.say(`consent link: ${started.body.consentUrl.split('&state=')[0]}&state=...`);
  const back = await consentAsAdmin(
    started.body.consentUrl,
    demo.customer.adminUpn,
    demo.customer.adminPassword,
  );
  narrator.say(
    `${demo.customer.adminUpn} signed in and accepted; Microsoft sent the browser back with admin_consent=${back.searchParams.get('admin_consent')}`,
  );
  // The demo plays the reverse proxy that serves the admin API at its public address.
  const callback = await fetch(`${api.baseUrl}/api/setup/consent/callback${back.search}`);
  narrator.call(
    'GET',
    '/api/setup/consent/callback?admin_consent=True&tenant=...&state=...',
    callback.status,
  );
  const setup = await api.poll<SetupView>(`/api/instances/${demo.alias}/setup`);
  for (const step of setup.steps) {
    narrator.say(
      `${step.state === 'done' ? '+' : step.state === 'failed' ? '!' : ' '} ${step.title}: ${step.detail ?? ''}`,
    );
  }
  if (setup.state !== 'succeeded') {
    throw new Error(
      `the consent setup ${setup.state}: ${setup.problem?.message ?? ''} ${setup.problem?.fix ?? ''}`,
    );
  }
  const run = await api.call<DoctorRun>('POST', `/api/instances/${demo.alias}/doctor`, {}, 200);
  const passed = run.body.checks.filter((check) => check.outcome === 'pass').length;
  narrator.say(
    `doctor: ${run.body.ok ? 'all good' : 'problems found'}, ${passed} of ${run.body.checks.length} checks passed`,
  );
}

function graphAs(emulatorUrl: string, tenantId: string, appId: string, secret: string): Client {
  return Client.initWithMiddleware({
    baseUrl: emulatorUrl,
    authProvider: new TokenCredentialAuthenticationProvider(
      new ClientSecretCredential(tenantId, appId, secret, {
        authorityHost: emulatorUrl,
        disableInstanceDiscovery: true,
      }),
      { scopes: ['https://graph.microsoft.com/.default'] },
    ),
    customHosts: new Set([new URL(emulatorUrl).hostname]),
  });
}

/** Microsoft's admin consent pages, as the customer's administrator's browser goes through them. */
async function consentAsAdmin(consentUrl: string, userPrincipalName: string, password: string): Promise<URL> {
  const post = (action: string, form: Record<string, string>) =>
    fetch(new URL(action, consentUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      redirect: 'manual',
    });
  const signIn = await (await fetch(consentUrl, { redirect: 'manual' })).text();
  const consent = await (
    await post(formAction(signIn), {
      ...hiddenFields(signIn),
      login: userPrincipalName,
      passwd: password,
      action: 'signin',
    })
  ).text();
  const back = await post(formAction(consent), { ...hiddenFields(consent), decision: 'accept' });
  const location = back.headers.get('location');
  if (!location) throw new Error(`the consent page did not send the browser back (${back.status})`);
  return new URL(location);
}

function hiddenFields(html: string): Record<string, string> {
  return Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [
      match[1] ?? '',
      match[2] ?? '',
    ]),
  );
}

function formAction(html: string): string {
  const action = /<form method="post"[^>]* action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error('the consent page has no form');
  return action.replace(/&#(\d+);/g, (_all, code: string) => String.fromCharCode(Number(code)));
}
