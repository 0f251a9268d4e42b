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

/** One payload per (field, hostile value), plus the hostile whole bodies. */
export function hostilePayloads(dto: new () => object): unknown[] {
  const fields = dtoProperties(dto);
  return [
    ...HOSTILE_BODIES,
    {},
    { unknownField: 1 },
    ...fields.flatMap((field) => HOSTILE_FIELD_VALUES.map((value) => ({ [field]: value }))),
  ];
}
