import { demoUserPrincipalNames, generateTenant } from './fixture/generate';
import type { EmulatorFixture } from './fixture/fixture.types';
import { CliUsageError, parseCliOptions } from './server/cli-options';
import { loadFixtureFile } from './server/load-fixture-file';
import { startEmulator, type RunningEmulator } from './server/start-emulator';

/** `entra-emulator` command: starts the emulator and prints where it is and which CA to trust. */
async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2));
  // Handlers first: a supervisor may send SIGTERM as soon as it sees the URL printed.
  const running: { emulator?: RunningEmulator } = {};
  const stop = (signal: NodeJS.Signals) => {
    process.stdout.write(`Received ${signal}, closing.\n`);
    (running.emulator ? running.emulator.close() : Promise.resolve()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const fixture: EmulatorFixture | undefined = options.fixturePath
    ? loadFixtureFile(options.fixturePath)
    : options.generate
      ? { tenants: [generateTenant({ users: options.generate.users, seed: options.generate.seed })] }
      : undefined;
  const emulator = await startEmulator({
    port: options.port,
    host: options.host,
    fixture,
    stateDir: options.stateDir,
    hostnames: options.hostnames,
  });
  running.emulator = emulator;
  const lines = [
    `Entra emulator listening on ${emulator.url}`,
    `CA certificate: ${emulator.caCertPath}  (trust it: NODE_EXTRA_CA_CERTS=${emulator.caCertPath})`,
    `Server key SPKI sha256: ${emulator.serverSpkiSha256}`,
    ...emulator.store.tenants().map((tenant) => {
      const domain =
        tenant.organization.verifiedDomains?.find((candidate) => candidate.isDefault)?.name ?? '';
      return `Tenant ${tenant.id} ${domain}`;
    }),
    ...(fixture
      ? fixture.tenants.flatMap((tenant) =>
          demoUserPrincipalNames(tenant).map((upn) => `  demo user: ${upn}`),
        )
      : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof CliUsageError ? error.message : `entra-emulator failed to start: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exit(error instanceof CliUsageError ? 2 : 1);
});
