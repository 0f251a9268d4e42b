import { AdminApiClient } from './admin-api-client';

/**
 * The administrator's first steps, against the running platform and the Entra emulator. Each later
 * feature adds its step here, so the demo always shows what the platform can do end to end.
 */
async function main(): Promise<void> {
  const api = new AdminApiClient(process.env['ADMIN_API_URL'] ?? 'http://127.0.0.1:3100');

  console.log('1. Waiting for every service to report ready (GET /api/health/all)');
  const health = (await api.waitUntilHealthy(60000)) as { services: Record<string, { status: string; replica?: string }> };
  for (const [name, service] of Object.entries(health.services)) {
    console.log(`  ${name.padEnd(15)} ${service.status}`);
  }

  console.log('2. Creating the archive instance "contoso"');
  const existing = await api.call<{ alias: string }>('GET', '/api/instances/contoso');
  if (existing.status === 404) {
    await api.call('POST', '/api/instances', {
      alias: 'contoso',
      displayName: 'Contoso Ltd',
      publicBaseUrl: 'https://archive.example.net',
    });
  }
  const instances = await api.call<{ alias: string; displayName: string }[]>('GET', '/api/instances');
  console.log(`  instances: ${instances.body.map((instance) => `${instance.alias} (${instance.displayName})`).join(', ')}`);

  console.log('3. A bad request is refused with a clear error');
  const bad = await api.call<{ error: { message: string } }>('POST', '/api/instances', { alias: 'Not An Alias', displayName: 'x', publicBaseUrl: 'https://x.example' });
  console.log(`  ${bad.body.error.message}`);

  console.log('Demo complete.');
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
