import { badRequest } from '../core/graph-error';
import { GRAPH_SCHEMA, type SchemaProperty, type ServedEntityType } from '../schema/graph-schema';

/**
 * Properties Graph returns for a user when no `$select` is given
 * (https://learn.microsoft.com/graph/api/user-list: "default set of properties").
 */
export const USER_DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

type SecretHider = (value: unknown) => unknown;

const hideSecretTexts: SecretHider = (value) =>
  Array.isArray(value) ? value.map((credential: object) => ({ ...credential, secretText: null })) : [];

/**
 * Properties that may hold secrets in a fixture: Graph never returns them. Client secrets are only
 * shown once, when created (`secretText` is null afterwards); a user's password never.
 */
const SECRET_PROPERTIES: Partial<Record<ServedEntityType, Record<string, SecretHider>>> = {
  user: { passwordProfile: () => null },
  application: { passwordCredentials: hideSecretTexts },
  servicePrincipal: { passwordCredentials: hideSecretTexts },
};

/** A value for a non-nullable property the fixture left out (Graph never answers null for them). */
function emptyValueOf(property: SchemaProperty): unknown {
  if (property.type.startsWith('Collection(')) return [];
  switch (property.type) {
    case 'Edm.Boolean':
      return false;
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Double':
      return 0;
    case 'Edm.DateTimeOffset':
      // What Graph returns for an unset non-nullable date, e.g. user.birthday.
      return '0001-01-01T08:00:00Z';
    default:
      return property.nullable ? null : '';
  }
}

/** Parses `$select` into property names, rejecting names the entity type does not have. */
export function parseSelect(raw: string | null, entityType: ServedEntityType): string[] | undefined {
  if (raw === null) return undefined;
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0)
    throw badRequest(
      `Invalid $select value '${raw}': list property names separated by commas.`,
      'BadRequest',
    );
  const properties = GRAPH_SCHEMA.entityTypes[entityType].properties;
  for (const name of names) {
    if (name === '*') continue;
    if (!Object.hasOwn(properties, name)) {
      throw badRequest(
        `Could not find a property named '${name}' on type 'microsoft.graph.${entityType}'.`,
        'BadRequest',
      );
    }
  }
  // Stream properties (e.g. application.logo) are media, never part of the JSON.
  return names.includes('*')
    ? Object.keys(properties).filter((name) => properties[name].type !== 'Edm.Stream')
    : names;
}

function defaultProperties(entityType: ServedEntityType, stored: object): string[] {
  if (entityType === 'user') return [...USER_DEFAULT_PROPERTIES];
  const properties = GRAPH_SCHEMA.entityTypes[entityType].properties;
  return Object.keys(stored).filter((name) => Object.hasOwn(properties, name));
}

/**
 * The JSON Graph returns for an entity: only CSDL properties (never the emulator's own fields), in
 * `$select` order (without `id` unless selected, as Graph does), missing nullable properties as null
 * and missing non-nullable ones as their empty value.
 */
export function project(
  entityType: ServedEntityType,
  stored: object,
  select: string[] | undefined,
): Record<string, unknown> {
  const properties = GRAPH_SCHEMA.entityTypes[entityType].properties;
  const names = select ?? defaultProperties(entityType, stored);
  const source = stored as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const name of names) {
    const secret = SECRET_PROPERTIES[entityType]?.[name];
    if (secret) {
      result[name] = secret(source[name]);
      continue;
    }
    const value = source[name];
    result[name] =
      value === undefined || value === null
        ? properties[name].nullable
          ? null
          : emptyValueOf(properties[name])
        : value;
  }
  return result;
}
