#!/usr/bin/env node
// Extracts the Graph v1.0 entity types the emulator serves (and every complex and enum type they
// reach) from Microsoft's CSDL into a compact JSON snapshot that the emulator's schema test uses.
// The CSDL itself is not committed; re-run this when the reference schema changes:
//   node tools/entra-emulator/scripts/extract-graph-schema.mjs [path/to/graph-v1.0-metadata.xml]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const csdlPath = resolve(process.argv[2] ?? join(repoRoot, '../shared/reference/graph-v1.0-metadata.xml'));
const outputPath = join(here, '../src/graph/schema/graph-schema.snapshot.json');

const SERVED_ENTITIES = [
  'user',
  'group',
  'subscribedSku',
  'organization',
  'application',
  'servicePrincipal',
  'appRoleAssignment',
  'oAuth2PermissionGrant',
];

const csdl = readFileSync(csdlPath, 'utf8');
// Only the main namespace (alias "graph"); later schemas reuse names such as "user".
const mainSchemaEnd = csdl.indexOf('<Schema Namespace="microsoft.graph.', 10);
const main = csdl.slice(0, mainSchemaEnd > 0 ? mainSchemaEnd : undefined);

function blocks(kind) {
  const result = new Map();
  const pattern = new RegExp(`<${kind} Name="([^"]+)"([^>]*?)(/?)>`, 'g');
  for (let match = pattern.exec(main); match; match = pattern.exec(main)) {
    const [, name, attributes, selfClosing] = match;
    const baseType = /BaseType="graph\.([^"]+)"/.exec(attributes)?.[1];
    const body = selfClosing ? '' : main.slice(match.index, main.indexOf(`</${kind}>`, match.index));
    result.set(name, { baseType, body });
  }
  return result;
}

const entityTypes = blocks('EntityType');
const complexTypes = blocks('ComplexType');
const enumTypes = blocks('EnumType');

function ownProperties(body) {
  const properties = {};
  const pattern = /<Property Name="([^"]+)" Type="([^"]+)"([^>]*)\/>/g;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    const [, name, type, rest] = match;
    properties[name] = { type: type.replace(/graph\./g, ''), nullable: !/Nullable="false"/.test(rest) };
  }
  return properties;
}

function allProperties(types, name) {
  const type = types.get(name);
  if (!type) throw new Error(`Type ${name} not found in the CSDL.`);
  const inherited = type.baseType
    ? allProperties(types.has(type.baseType) ? types : entityTypes, type.baseType)
    : {};
  return { ...inherited, ...ownProperties(type.body) };
}

const snapshot = {
  source: 'Microsoft Graph v1.0 CSDL (clean_v10_metadata)',
  entityTypes: {},
  complexTypes: {},
  enumTypes: {},
};
const pendingTypes = [];

function noteReferencedTypes(properties) {
  for (const { type } of Object.values(properties)) {
    const inner = type.replace(/^Collection\((.*)\)$/, '$1');
    if (!inner.startsWith('Edm.')) pendingTypes.push(inner);
  }
}

for (const entity of SERVED_ENTITIES) {
  const properties = allProperties(entityTypes, entity);
  snapshot.entityTypes[entity] = { baseType: entityTypes.get(entity).baseType ?? null, properties };
  noteReferencedTypes(properties);
}

while (pendingTypes.length > 0) {
  const name = pendingTypes.pop();
  if (snapshot.complexTypes[name] || snapshot.enumTypes[name]) continue;
  if (enumTypes.has(name)) {
    const members = [...enumTypes.get(name).body.matchAll(/<Member Name="([^"]+)"/g)].map(
      (match) => match[1],
    );
    snapshot.enumTypes[name] = {
      members,
      flags: /IsFlags="true"/.test(
        main.slice(main.indexOf(`<EnumType Name="${name}"`), main.indexOf(`<EnumType Name="${name}"`) + 200),
      ),
    };
  } else if (complexTypes.has(name)) {
    const properties = allProperties(complexTypes, name);
    const derived = [...complexTypes.entries()]
      .filter(([, type]) => type.baseType === name)
      .map(([derivedName]) => derivedName);
    snapshot.complexTypes[name] = { properties, ...(derived.length ? { derivedTypes: derived } : {}) };
    noteReferencedTypes(properties);
    pendingTypes.push(...derived);
  } else {
    throw new Error(`Type ${name} is neither complex nor enum.`);
  }
}

const sortKeys = (object) =>
  Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
snapshot.complexTypes = sortKeys(snapshot.complexTypes);
snapshot.enumTypes = sortKeys(snapshot.enumTypes);
writeFileSync(outputPath, `${JSON.stringify(snapshot, null, 1)}\n`);
console.log(
  `Wrote ${outputPath}: ${Object.keys(snapshot.entityTypes).length} entity, ${Object.keys(snapshot.complexTypes).length} complex, ${Object.keys(snapshot.enumTypes).length} enum types.`,
);
