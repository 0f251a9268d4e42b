import { parseArgs } from 'node:util';

export interface CliOptions {
  port: number;
  host: string;
  fixturePath?: string;
  generate?: { users: number; seed: string };
  stateDir?: string;
  hostnames: string[];
}

export class CliUsageError extends Error {}

export const CLI_USAGE = `Usage: entra-emulator [--port 8443] [--host 127.0.0.1] [--fixture tenants.json | --generate N [--seed S]]
                     [--state-dir DIR] [--hostname NAME ...]

  --port       HTTPS port (0 = any free port). Default 8443.
  --host       Address to listen on. Default 127.0.0.1 (use 0.0.0.0 in a container).
  --fixture    Graph-shaped fixture JSON to load (see src/fixture/fixture.types.ts).
  --generate   Generate one tenant with N users instead (deterministic from --seed, default "demo").
  --state-dir  Where the local CA and signing keys are kept between runs. Default: <tmp>/archive365-entra-emulator.
  --hostname   Extra host name for the TLS certificate (repeatable); localhost and loopback are always in it.`;

/** Parses the command line; throws {@link CliUsageError} with a message saying what to fix. */
export function parseCliOptions(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '8443' },
        host: { type: 'string', default: '127.0.0.1' },
        fixture: { type: 'string' },
        generate: { type: 'string' },
        seed: { type: 'string', default: 'demo' },
        'state-dir': { type: 'string' },
        hostname: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new CliUsageError(`${error instanceof Error ? error.message : String(error)}\n\n${CLI_USAGE}`);
  }
  const values = parsed.values;
  if (values.help) throw new CliUsageError(CLI_USAGE);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliUsageError(`--port must be a whole number from 0 to 65535, got '${values.port}'.`);
  if (values.fixture && values.generate)
    throw new CliUsageError('Use either --fixture or --generate, not both.');
  let generate: CliOptions['generate'];
  if (values.generate !== undefined) {
    const users = Number(values.generate);
    if (!Number.isInteger(users) || users < 1)
      throw new CliUsageError(`--generate needs a positive number of users, got '${values.generate}'.`);
    generate = { users, seed: values.seed ?? 'demo' };
  }
  return {
    port,
    host: values.host ?? '127.0.0.1',
    fixturePath: values.fixture,
    generate,
    stateDir: values['state-dir'],
    hostnames: values.hostname ?? [],
  };
}
