import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '../src');

/** Folder → folders it imports (relative imports between top-level folders of `src/`, tests excluded). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const folder of readdirSync(SRC, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const edges = new Set<string>();
    graph.set(folder.name, edges);
    for (const file of sourceFiles(join(SRC, folder.name))) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const target = relative(SRC, resolve(dirname(file), specifier)).split('/')[0];
        if (target && target !== folder.name && !target.startsWith('..')) edges.add(target);
      }
    }
  }
  return graph;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** A cycle through `start`, as a path, if there is one. */
function cycleFrom(graph: Map<string, Set<string>>, start: string): string[] | undefined {
  const walk = (node: string, path: string[]): string[] | undefined => {
    for (const next of graph.get(node) ?? []) {
      if (next === start) return [...path, next];
      if (!path.includes(next)) {
        const found = walk(next, [...path, next]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(start, [start]);
}

/** DESIGN.md 5.13: folders depend one way. This reads the imports, so a new cycle fails here. */
describe('folders of the credentials service', () => {
  const graph = folderGraph();

  it('import each other without cycles', () => {
    const cycles = [...graph.keys()].map((folder) => cycleFrom(graph, folder)).filter(Boolean);
    expect(cycles).toEqual([]);
  });

  it('keep the shared leaves leaves: errors imports no folder, config only the pure key-vault parser', () => {
    expect([...(graph.get('errors') ?? [])]).toEqual([]);
    expect([...(graph.get('config') ?? [])].filter((folder) => folder !== 'key-vault')).toEqual([]);
  });

  it('keep the pure domain folders free of Nest, the database and the services', () => {
    const services = [
      'app',
      'store',
      'vault',
      'tokens',
      'credentials',
      'rotation',
      'expiry',
      'instances',
      'signatures',
      'import-sealing',
    ];
    for (const pure of ['certificates', 'key-vault', 'lifecycle', 'token-errors']) {
      expect([...(graph.get(pure) ?? [])].filter((folder) => services.includes(folder))).toEqual([]);
    }
  });

  it('lets only the app folder wire the feature modules together', () => {
    const importers = [...graph].filter(([, edges]) => edges.has('app')).map(([folder]) => folder);
    expect(importers).toEqual([]);
  });
});
