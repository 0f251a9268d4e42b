import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Events, SERVICE_NAMES, Subjects, type ServiceName } from '@archive365/contracts';

/**
 * The bus permissions are generated from the contracts' declarations (`callers` of a subject, `publisher`
 * and `consumers` of an event). A service that uses a subject it is not declared for is refused by
 * nats-server at run time, which shows only as a timeout. This reads each app's sources and names the
 * missing declaration instead, before anything runs.
 */
const appsDir = join(__dirname, '..', '..', '..', 'apps');

function sourcesOf(service: ServiceName): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) {
        files.push(readFileSync(path, 'utf8'));
      }
    }
  };
  walk(join(appsDir, service, 'src'));
  return files;
}

const sources = new Map(SERVICE_NAMES.map((service) => [service, sourcesOf(service)]));

/** Names of `Subjects.X` / `Events.X` a service refers to, outside the given decorator (its own handlers). */
function referencesOf(service: ServiceName, root: 'Subjects' | 'Events', skip: RegExp): Set<string> {
  const names = new Set<string>();
  for (const source of sources.get(service) ?? []) {
    for (const match of source.replace(skip, '').matchAll(new RegExp(`\\b${root}\\.(\\w+)`, 'g'))) {
      names.add(match[1]);
    }
  }
  return names;
}

describe('bus declarations in the contracts match what the services do', () => {
  it('every subject a service sends to lists that service among its callers', () => {
    const missing: string[] = [];
    for (const service of SERVICE_NAMES) {
      for (const name of referencesOf(service, 'Subjects', /@RpcHandler\(\s*Subjects\.\w+/g)) {
        const subject = Subjects[name as keyof typeof Subjects];
        if (!subject) continue;
        const owner = subject.name.split('.')[0];
        if (owner !== service && !subject.callers.includes(service)) {
          missing.push(`${service} calls Subjects.${name} (${subject.name}) but is not in its callers`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('every event a service consumes declares it as a consumer, and only its publisher publishes it', () => {
    const wrong: string[] = [];
    for (const service of SERVICE_NAMES) {
      for (const source of sources.get(service) ?? []) {
        for (const match of source.matchAll(/@EventHandler\(\s*Events\.(\w+)/g)) {
          const event = Events[match[1] as keyof typeof Events];
          if (event && !event.consumers.some((consumer) => consumer.service === service)) {
            wrong.push(`${service} consumes Events.${match[1]} but is not among its consumers`);
          }
        }
        for (const match of source.matchAll(/\.publish\(\s*Events\.(\w+)/g)) {
          const event = Events[match[1] as keyof typeof Events];
          if (event && event.publisher !== service) {
            wrong.push(`${service} publishes Events.${match[1]} but its publisher is ${event.publisher}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
