import { AdminApiClient } from './admin-api-client';
import { EmulatorAdmin } from './emulator-admin';

interface CredentialView {
  id: string;
  name: string;
  activeCertificate: { id: string; thumbprintSha1: string; notAfter: string; keySize: number };
  certificates: { id: string; state: string; thumbprintSha1: string }[];
}

/**
 * The administrator's first steps, against the running platform and the Entra emulator. Each later
 * feature adds its step here, so the demo always shows what the platform can do end to end.
 */
async function main(): Promise<void> {
  const api = new AdminApiClient(
    process.env['ADMIN_API_URL'] ?? 'http://127.0.0.1:3100',
    process.env['ADMIN_BOOTSTRAP_TOKEN'] ?? '',
  );
  const emulatorUrl = process.env['EMULATOR_URL'] ?? 'https://localhost:8443';

  step('Waiting for every service to report ready (GET /api/health/all)');
  const health = (await api.waitUntilHealthy(60000)) as { services: Record<string, { status: string }> };
  for (const [name, service] of Object.entries(health.services)) say(`${name.padEnd(15)} ${service.status}`);

  step('The customer tenant (emulated) and its app registration for the archive');
  const portal = await EmulatorAdmin.forFirstTenant(emulatorUrl);
  say(`tenant ${portal.tenantId} (${portal.domain})`);
  const archiveApp = await portal.registerApp(
    'Email Archive',
    ['Directory.Read.All'],
    ['full_access_as_app'],
  );
  say(
    `app registration "Email Archive": client ID ${archiveApp.appId}, consented: ${archiveApp.roles.join(', ')}`,
  );
  portal.useTool(await portal.registerApp('Portal (demo)', ['Application.ReadWrite.All']));

  step('Creating the archive instance "contoso"');
  if ((await api.call('GET', '/api/instances/contoso')).status === 404) {
    await api.call(
      'POST',
      '/api/instances',
      { alias: 'contoso', displayName: 'Contoso Ltd', publicBaseUrl: 'https://archive.example.net' },
      201,
    );
  }

  step('Creating credentials with a generated certificate');
  const created = await api.call<CredentialView>(
    'POST',
    '/api/instances/contoso/credentials',
    { name: 'Contoso archive', clientId: archiveApp.appId, tenantId: portal.domain },
    201,
  );
  const credential = created.body;
  say(
    `credential ${credential.id}: RSA ${credential.activeCertificate.keySize}, thumbprint ${credential.activeCertificate.thumbprintSha1}, expires ${credential.activeCertificate.notAfter}`,
  );

  step('Testing before the certificate is uploaded: a clear error, with what to do');
  const early = await api.call<{ reason: string; hint: string }>(
    'POST',
    `/api/credentials/${credential.id}/test`,
    undefined,
    502,
  );
  say(`${early.body.reason}: ${early.body.hint}`);

  step('Downloading the .cer and uploading it to the app registration (as in the Azure portal)');
  const cer = await api.download(`/api/credentials/${credential.id}/certificate?format=der`);
  say(`${cer.fileName} (${cer.bytes.length} bytes)`);
  await portal.uploadCertificate(archiveApp.applicationId, cer.bytes, 'archive certificate 1');

  step('Testing again: the credentials service gets a Microsoft Graph token (the token never leaves it)');
  const tested = await api.call<{ ok: boolean; roles: string[]; expiresOn: string }>(
    'POST',
    `/api/credentials/${credential.id}/test`,
    undefined,
    200,
  );
  say(
    `ok: ${tested.body.ok}, permissions in the token: ${tested.body.roles.join(', ')}, valid until ${tested.body.expiresOn}`,
  );

  step('Rotating the certificate with overlap');
  const started = await api.call<CredentialView>(
    'POST',
    `/api/credentials/${credential.id}/rotation`,
    {},
    201,
  );
  const next = started.body.certificates.find((certificate) => certificate.state === 'pending');
  say(`next certificate ${next?.thumbprintSha1} created; the current one keeps working`);
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
  say(
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
  say(`old certificate retired and removed from the app registration; test ok: ${after.body.ok}`);

  step('A bad request is refused with a clear error');
  const bad = await api.call<{ detail: string }>(
    'POST',
    '/api/instances/contoso/credentials',
    { name: 'x', clientId: 'not-a-guid', tenantId: portal.domain },
    400,
  );
  say(bad.body.detail);

  console.log('\nDemo complete.');
}

function step(title: string): void {
  console.log(`\n== ${title}`);
}

function say(line: string): void {
  console.log(`   ${line}`);
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
