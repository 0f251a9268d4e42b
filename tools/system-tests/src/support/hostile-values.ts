import { getMetadataStorage } from 'class-validator';

/** Values a careless or hostile client sends where a field is expected; each is wrong for every field. */
export const HOSTILE_FIELD_VALUES: readonly unknown[] = [
  null,
  true,
  1.5,
  -1,
  2 ** 53,
  {},
  [],
  ['a'],
  { $gt: '' },
  'nul\u0000byte',
  'lone \ud800 surrogate',
  'escape \u001b[2J',
  'x'.repeat(300_000),
];

/** Whole bodies that are not the object a subject or route expects. */
export const HOSTILE_BODIES: readonly unknown[] = [
  null,
  [],
  'text',
  42,
  true,
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
];

/** Raw message bytes that are not JSON at all. */
export const HOSTILE_RAW: readonly Uint8Array[] = [
  new TextEncoder().encode('not json'),
  new Uint8Array([0xff, 0xfe, 0x00, 0x7b]),
  new Uint8Array(0),
];

/** The properties a DTO validates (what a client can send), read from class-validator's metadata. */
export function dtoProperties(dto: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/**
 * Values that pass validation, by field name, so that one hostile field at a time reaches past the
 * others into the handler (where the bugs were). A field not listed stays absent.
 */
export function plausibleValues(instanceAlias: string): Record<string, unknown> {
  const guid = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
  return {
    alias: instanceAlias,
    instanceAlias,
    aliasPrefix: instanceAlias.slice(0, 2),
    displayName: 'Fuzzed instance',
    publicBaseUrl: 'https://archive.example.net',
    name: 'fuzzed credential',
    clientId: guid,
    tenantId: 'contoso.onmicrosoft.com',
    credentialId: guid,
    certificateId: guid,
    applicationObjectId: guid,
    oid: guid,
    scope: 'https://graph.microsoft.com/.default',
    audience: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
    format: 'pem',
    which: 'active',
    caller: 'fuzz',
  };
}

/** The plausible payload of a DTO, then one payload per (field, hostile value), then hostile bodies. */
export function hostilePayloads(dto: new () => object, plausible: Record<string, unknown>): unknown[] {
  const fields = dtoProperties(dto);
  const base = Object.fromEntries(fields.filter((f) => f in plausible).map((f) => [f, plausible[f]]));
  return [
    ...HOSTILE_BODIES,
    {},
    { ...base, unknownField: 1 },
    ...fields.flatMap((field) => HOSTILE_FIELD_VALUES.map((value) => ({ ...base, [field]: value }))),
  ];
}
