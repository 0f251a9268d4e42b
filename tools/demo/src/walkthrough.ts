import { signInWithPassword } from '@archive365/entra-emulator';
import { AdminApiClient } from './admin-api-client';
import { archiveUserSignIn } from './archive-user-sign-in';
import { EmulatorAdmin } from './emulator-admin';
import { Narrator } from './narrator';
import { consentLinkSetup } from './consent-link-step';
import { automaticSetup, doctor, listArchives, preview, synchronize } from './procedure-steps';

interface CredentialView {
  id: string;
  name: string;
  activeCertificate: { id: string; thumbprintSha1: string; notAfter: string; keySize: number };
  certificates: { id: string; state: string; thumbprintSha1: string }[];
}

interface Problem {
  code: string;
  detail: string;
  field?: string;
  reason?: string;
  hint?: string;
}

interface Page<T> {
  items: T[];
  total: number;
}

interface AuditEntry {
  at: string;
  actor: { kind: string; name: string };
  action: string;
  status: number;
  outcome: string;
  instance: string | null;
}

const env = process.env;

/**
 * The administrator's procedure, against the running platform and the Entra emulator, through the
 * public admin API only. Each feature adds its step here, so the demo always shows what the platform
 * can do end to end.
 */
async function main(): Promise<void> {
  const narrator = new Narrator();
  const apiUrl = env['ADMIN_API_URL'] ?? 'http://localhost:3100';
  const api = new AdminApiClient(apiUrl, narrator);
  const emulatorUrl = env['EMULATOR_URL'] ?? 'https://localhost:8443';
  const providerTenantId = env['ADMIN_OIDC_TENANT_ID'] ?? '';
  // The archive's public HTTPS address: the auth gateway behind TLS (tools/demo/gateway-front.sh).
  const gatewayUrl = env['DEMO_GATEWAY_URL'] ?? 'https://localhost:3443';

  narrator.step('Waiting for every service to report ready');
  const health = (await api.waitUntilHealthy(90000)) as { services: Record<string, { status: string }> };
  narrator.call('GET', '/api/health/all', 200);
  narrator.say(
    Object.entries(health.services)
      .map(([name, service]) => `${name} ${service.status}`)
      .join(', '),
  );

  narrator.step('The two Microsoft 365 tenants (both emulated)');
  const portal = await EmulatorAdmin.forCustomerTenant(emulatorUrl, [providerTenantId]);
  // The customer's tenant is named the same way in every line below.
  const customer = `${portal.displayName} (${portal.domain})`;
  narrator.say(
    `provider tenant: Archive Hosting (${env['DEMO_PROVIDER_DOMAIN']}), where administrators sign in`,
  );
  narrator.say(`customer tenant: ${customer}, ${portal.users} users, whose mail the archive keeps`);

  narrator.step('An administrator signs in with Microsoft (the provider tenant)');
  const start = await fetch(`${apiUrl}/api/auth/signin`, { redirect: 'manual' });
  narrator.call('GET', '/api/auth/signin', start.status);
  const signedIn = await signInWithPassword({
    authorizeUrl: start.headers.get('location') ?? '',
    userPrincipalName: env['DEMO_ADMIN_UPN'] ?? '',
    password: env['DEMO_ADMIN_PASSWORD'] ?? '',
  });
  if (!signedIn.redirect) throw new Error(`the sign-in page did not redirect back (${signedIn.errorCode})`);
  const callback = await fetch(signedIn.redirect, { redirect: 'manual' });
  narrator.call('GET', '/api/auth/callback?code=...&state=...', callback.status);
  const cookie = (callback.headers.get('set-cookie') ?? '').split(';')[0];
  if (!cookie.startsWith('a365_session=')) throw new Error('the callback set no session cookie');
  api.useSession(cookie);
  const me = await api.call<{ name: string; kind: string }>('GET', '/api/auth/me', undefined, 200);
  narrator.say(`signed in as ${me.body.name} (${me.body.kind})`);
  narrator.explain(
    'OpenID Connect with authorization code and PKCE against the provider tenant only; the admin API ' +
      'checks the id_token and lets in the object ids it knows as administrators (the first comes from ' +
      'configuration). Automation uses API tokens instead.',
  );

  narrator.step(`The customer's administrator registers the archive app in ${customer}`);
  const archiveApp = await portal.registerApp(
    'Email Archive',
    ['Directory.Read.All'],
    ['full_access_as_app'],
  );
  narrator.say(`app registration "Email Archive": client ID ${archiveApp.appId}`);
  narrator.say(`admin consent granted: ${archiveApp.roles.join(', ')}`);
  portal.useTool(await portal.registerApp('Portal (demo)', ['Application.ReadWrite.All']));

  narrator.step('Creating the archive instance "contoso"');
  await api.call(
    'POST',
    '/api/instances',
    { alias: 'contoso', displayName: portal.displayName, publicBaseUrl: gatewayUrl },
    201,
  );

  narrator.step('An API token for automation, limited to "contoso"');
  const token = await api.call<{ token: string; expiresAt: string; id: string }>(
    'POST',
    '/api/tokens',
    { name: 'contoso automation', instances: ['contoso'], expiresInDays: 30 },
    201,
  );
  narrator.say(
    `token ${token.body.token.slice(0, 9)}... (shown once, stored hashed), expires ${token.body.expiresAt}`,
  );
  const automation = new AdminApiClient(apiUrl, narrator);
  automation.useToken(token.body.token);
  const seen = await automation.call<Page<{ alias: string }>>('GET', '/api/instances', undefined, 200);
  narrator.say(`the token sees: ${seen.body.items.map((instance) => instance.alias).join(', ')}`);
  const hidden = await automation.call<Problem>('GET', '/api/instances/fabrikam', undefined, 404);
  narrator.say(`any other instance is answered as missing: ${hidden.body.detail}`);

  narrator.step(`Creating credentials for ${customer}, with a generated certificate`);
  const created = await api.call<CredentialView>(
    'POST',
    '/api/instances/contoso/credentials',
    { name: 'Contoso archive', clientId: archiveApp.appId, tenantId: portal.domain },
    201,
  );
  const credential = created.body;
  narrator.say(
    `credential ${credential.id}: RSA ${credential.activeCertificate.keySize}, thumbprint ${credential.activeCertificate.thumbprintSha1}, expires ${credential.activeCertificate.notAfter}`,
  );

  narrator.step('Testing before the certificate is uploaded: a clear error, with what to do');
  const early = await api.call<Problem>('POST', `/api/credentials/${credential.id}/test`, undefined, 502);
  narrator.say(`${early.body.reason}: ${early.body.hint}`);

  narrator.step(`Downloading the .cer and uploading it to the app registration in ${customer}`);
  const cer = await api.download(`/api/credentials/${credential.id}/certificate?format=der`);
  narrator.say(`${cer.fileName} (${cer.bytes.length} bytes), uploaded as the Azure portal does`);
  await portal.uploadCertificate(archiveApp.applicationId, cer.bytes, 'archive certificate 1');

  narrator.step(
    'Testing again: a Microsoft Graph token for the app (the token never leaves the credentials service)',
  );
  const tested = await api.call<{ ok: boolean; roles: string[]; expiresOn: string }>(
    'POST',
    `/api/credentials/${credential.id}/test`,
    undefined,
    200,
  );
  narrator.say(
    `ok: ${tested.body.ok}, permissions in the token: ${tested.body.roles.join(', ') || '(none)'}`,
  );
  narrator.explain(
    'full_access_as_app was consented too, but it is a permission of Office 365 Exchange Online, a ' +
      'different resource: a token for Microsoft Graph carries only Graph permissions. (It is also the ' +
      'EWS permission, and EWS in Exchange Online is being switched off: mail access moves to Graph.)',
  );

  narrator.step('Rotating the certificate with overlap');
  const started = await api.call<CredentialView>(
    'POST',
    `/api/credentials/${credential.id}/rotation`,
    {},
    201,
  );
  const next = started.body.certificates.find((certificate) => certificate.state === 'pending');
  narrator.say(`next certificate ${next?.thumbprintSha1} created; the current one keeps working`);
  const nextCer = await api.download(
    `/api/credentials/${credential.id}/certificate?format=der&which=pending`,
  );
  await portal.uploadCertificate(archiveApp.applicationId, nextCer.bytes, 'archive certificate 2');
  const completed = await api.call<CredentialView>(
    'POST',
    `/api/credentials/${credential.id}/rotation/complete`,
    undefined,
    200,
  );
  narrator.say(
    `proven by a real token request and switched: active ${completed.body.activeCertificate.thumbprintSha1}`,
  );
  await api.call('POST', `/api/credentials/${credential.id}/rotation/retire`, undefined, 200);
  await portal.removeCertificate(archiveApp.applicationId, 'archive certificate 1');
  const after = await api.call<{ ok: boolean }>(
    'POST',
    `/api/credentials/${credential.id}/test`,
    undefined,
    200,
  );
  narrator.say(`old certificate retired and removed from the app registration; test ok: ${after.body.ok}`);

  narrator.step('A bad request is refused with RFC 9457 problem details naming the field');
  const bad = await api.call<Problem>(
    'POST',
    '/api/instances/contoso/credentials',
    { name: 'x', clientId: 'not-a-guid', tenantId: portal.domain },
    400,
  );
  narrator.say(`${bad.body.code} on ${bad.body.field}: ${bad.body.detail}`);

  narrator.step(`Setting up the app registration automatically in ${customer}`);
  const setup = await automaticSetup(api, narrator, {
    label: customer,
    domain: portal.domain,
    // The generated tenant's Global Administrator (a demo account with a known password).
    adminUpn: await portal.userPrincipalName('admin', portal.domains),
    adminPassword: env['DEMO_CUSTOMER_ADMIN_PASSWORD'] ?? 'Archive365-Demo!',
  });
  const syncCredential = setup.credentialId ?? credential.id;

  narrator.step('The doctor: every check of the app registration, with the fix for each failure');
  await doctor(api, narrator, syncCredential);

  narrator.step(`Directory sync reads ${customer} with that credential (licensed users, the default)`);
  await api.call('PUT', '/api/instances/contoso/sync/credential', { credentialId: syncCredential }, 200);
  const configuration = await api.get<{ userFilter: string; leaverAction: string }>(
    '/api/instances/contoso/sync/configuration',
  );
  narrator.say(`filter: ${configuration.body.userFilter}, leavers: ${configuration.body.leaverAction}`);

  narrator.step('Test settings: a preview of the sync, new users marked +');
  const expected = await preview(api, narrator);

  narrator.step('Synchronize now');
  await synchronize(api, narrator, expected);

  narrator.step('The archive users and their archives');
  await listArchives(api, narrator);

  narrator.step(`An archive user of ${customer} signs in with Microsoft`);
  await archiveUserSignIn(api, narrator, {
    gatewayUrl,
    emulatorUrl,
    caFile: env['NODE_EXTRA_CA_CERTS'] ?? 'the emulator CA',
    credentialId: syncCredential,
    // One of the generated tenant's named demo users: licensed (so synchronized), with the password
    // they all share in the emulator.
    userPrincipalName: await portal.userPrincipalName('adele.vance', portal.domains),
    password: env['DEMO_CUSTOMER_ADMIN_PASSWORD'] ?? 'Archive365-Demo!',
    customer,
  });

  await consentLinkSetup(api, narrator, {
    emulatorUrl,
    providerTenantId,
    limited: automation,
    alias: 'contoso-eu',
    customer: {
      label: customer,
      domain: portal.domain,
      adminUpn: await portal.userPrincipalName('admin', portal.domains),
      adminPassword: env['DEMO_CUSTOMER_ADMIN_PASSWORD'] ?? 'Archive365-Demo!',
    },
  });

  narrator.step('The audit log: every change, who made it, and how it ended');
  const audit = await api.call<Page<AuditEntry>>('GET', '/api/audit?limit=8', undefined, 200);
  for (const entry of audit.body.items.reverse()) {
    narrator.say(
      `${entry.at.slice(11, 19)}  ${entry.actor.name.padEnd(20)} ${entry.action.padEnd(28)} ${entry.status} ${entry.outcome}`,
    );
  }
  narrator.say(`${audit.body.total} entries in all; GET /api/audit/export gives them as JSON lines`);

  process.stdout.write('\nDemo complete.\n');
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
