import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServiceName } from '@archive365/contracts';
import { renderServerConfig } from '@archive365/messaging';
import { ensureIdentities, publicKeysFrom } from './identities';

const usage = `Writes a nats-server configuration generated from libs/contracts: each service may publish
only the subjects it calls, subscribe only to what it serves and its own inbox, reply only to its
requesters, and use only its own JetStream consumers.

  tools/nats/generate-config.sh --out DIR [options]

  --out DIR             where nats-server.conf (and, without --public-keys, the seeds) are written
  --namespace NAME      NATS_NAMESPACE of the deployment (default archive365)
  --host HOST           address the server listens on (default 127.0.0.1)
  --port PORT           client port (default 4222)
  --jetstream-dir DIR   JetStream store (default DIR/jetstream)
  --public-keys FILE    use these public NKeys (lines service=U...) instead of generating seeds
  --tls-cert FILE --tls-key FILE [--tls-ca FILE]
                        serve TLS; with a CA, also require client certificates signed by it
`;

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      namespace: { type: 'string', default: 'archive365' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4222' },
      'jetstream-dir': { type: 'string' },
      'public-keys': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-ca': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.out) {
    process.stdout.write(usage);
    process.exit(values.help ? 0 : 2);
  }
  const out = resolve(values.out);
  const identities = values['public-keys'] ? undefined : ensureIdentities(join(out, 'identities'));
  const publicKeys = values['public-keys']
    ? publicKeysFrom(values['public-keys'])
    : (Object.fromEntries(identities?.map((id) => [id.service, id.publicKey]) ?? []) as Record<
        ServiceName,
        string
      >);
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) {
    throw new Error('--tls-cert and --tls-key go together');
  }
  const config = renderServerConfig({
    namespace: values.namespace,
    servicePublicKeys: publicKeys,
    host: values.host,
    port: Number(values.port),
    jetstreamDir: resolve(values['jetstream-dir'] ?? join(out, 'jetstream')),
    tls:
      values['tls-cert'] && values['tls-key']
        ? {
            certFile: resolve(values['tls-cert']),
            keyFile: resolve(values['tls-key']),
            caFile: values['tls-ca'] ? resolve(values['tls-ca']) : undefined,
          }
        : undefined,
  });
  const configFile = join(out, 'nats-server.conf');
  writeFileSync(configFile, config);
  process.stdout.write(`wrote ${configFile}\n`);
  for (const identity of identities ?? []) {
    process.stdout.write(`${identity.service}: NATS_NKEY_SEED_FILE=${identity.seedFile}\n`);
  }
}

main();
