import { SERVICE_NAMES, type ServiceName } from '@archive365/contracts';
import { checkBusDeclarations, servicePermissions, type BusPermissions } from './bus-permissions';

export interface ServerTlsFiles {
  certFile: string;
  keyFile: string;
  /** Set to also require client certificates signed by this CA (`verify: true`). */
  caFile?: string;
}

/** An extra account user outside the platform's services (an operator's tool, or a test's observer). */
export interface ExtraUser {
  user: string;
  password: string;
  permissions: BusPermissions | 'all';
}

export interface ServerConfigInput {
  namespace: string;
  /** The public NKey (`U...`) each service authenticates with. */
  servicePublicKeys: Record<ServiceName, string>;
  host?: string;
  /** -1 picks a free port. */
  port?: number;
  jetstreamDir: string;
  tls?: ServerTlsFiles;
  extraUsers?: ExtraUser[];
  /** Unauthenticated connections act as this extra user (tests only; never in production). */
  noAuthUser?: string;
  /** Where nats-server writes the ports it listens on (tests pick a free port). */
  portsFileDir?: string;
}

/**
 * A nats-server configuration that lets each service do exactly what `libs/contracts` declares (see
 * `servicePermissions`), and nothing for anyone else. Generated, never edited by hand: a new subject,
 * caller or consumer in the contracts is a new configuration.
 */
export function renderServerConfig(input: ServerConfigInput): string {
  checkBusDeclarations();
  const lines = [
    '# Generated from libs/contracts by `npm run nats:config`: do not edit by hand.',
    `# Namespace: ${input.namespace}`,
    `host: ${str(input.host ?? '127.0.0.1')}`,
    `port: ${input.port ?? 4222}`,
    `jetstream { store_dir: ${str(input.jetstreamDir)} }`,
  ];
  if (input.portsFileDir) lines.push(`ports_file_dir: ${str(input.portsFileDir)}`);
  if (input.tls) {
    const tls = [`cert_file: ${str(input.tls.certFile)}`, `key_file: ${str(input.tls.keyFile)}`];
    if (input.tls.caFile) tls.push(`ca_file: ${str(input.tls.caFile)}`, 'verify: true');
    lines.push(`tls { ${tls.join(', ')} }`);
  }
  const users: string[] = SERVICE_NAMES.map(
    (service) =>
      `    # ${service}\n    { nkey: ${str(input.servicePublicKeys[service])}, permissions: ${permissions(
        servicePermissions(input.namespace, service),
      )} }`,
  );
  for (const extra of input.extraUsers ?? []) {
    const perms = extra.permissions === 'all' ? '' : `, permissions: ${permissions(extra.permissions)}`;
    users.push(`    { user: ${str(extra.user)}, password: ${str(extra.password)}${perms} }`);
  }
  lines.push('authorization {', '  users: [', users.join(',\n'), '  ]', '}');
  if (input.noAuthUser) lines.push(`no_auth_user: ${str(input.noAuthUser)}`);
  return `${lines.join('\n')}\n`;
}

function permissions(p: BusPermissions): string {
  const list = (subjects: string[]) => `[${subjects.map(str).join(', ')}]`;
  return (
    `{ publish: { allow: ${list(p.publish)} }, subscribe: { allow: ${list(p.subscribe)} }` +
    `${p.allowResponses ? ', allow_responses: true' : ''} }`
  );
}

/** A quoted string in nats-server's configuration syntax (JSON escaping is accepted). */
function str(value: string): string {
  return JSON.stringify(value);
}
