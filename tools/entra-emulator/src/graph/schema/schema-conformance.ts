import { GRAPH_SCHEMA, type SchemaProperty, type ServedEntityType } from './graph-schema';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function primitiveProblem(type: string, value: unknown): string | undefined {
  switch (type) {
    case 'Edm.String':
    case 'Edm.Duration':
      return typeof value === 'string' ? undefined : 'expected a string';
    case 'Edm.Boolean':
      return typeof value === 'boolean' ? undefined : 'expected a boolean';
    case 'Edm.Int32':
    case 'Edm.Int64':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : 'expected an integer';
    case 'Edm.Double':
    case 'Edm.Single':
    case 'Edm.Decimal':
      return typeof value === 'number' ? undefined : 'expected a number';
    case 'Edm.Guid':
      return typeof value === 'string' && GUID.test(value) ? undefined : 'expected a GUID';
    case 'Edm.DateTimeOffset':
      return typeof value === 'string' && DATE_TIME_OFFSET.test(value)
        ? undefined
        : 'expected an ISO 8601 date and time with offset';
    case 'Edm.Binary':
      return typeof value === 'string' && BASE64.test(value) ? undefined : 'expected base64';
    default:
      return `unsupported primitive type ${type}`;
  }
}

function valueProblems(type: string, value: unknown, path: string): string[] {
  const collection = /^Collection\((.*)\)$/.exec(type);
  if (collection) {
    if (!Array.isArray(value)) return [`${path}: expected an array (${type})`];
    return value.flatMap((element: unknown, index) =>
      element === null
        ? [`${path}[${index}]: null element`]
        : valueProblems(collection[1], element, `${path}[${index}]`),
    );
  }
  if (type.startsWith('Edm.')) {
    const problem = primitiveProblem(type, value);
    return problem ? [`${path}: ${problem}, got ${JSON.stringify(value)}`] : [];
  }
  const enumType = GRAPH_SCHEMA.enumTypes[type];
  if (enumType) {
    const members =
      typeof value === 'string'
        ? enumType.flags
          ? value.split(',').map((member) => member.trim())
          : [value]
        : [];
    return members.length > 0 && members.every((member) => enumType.members.includes(member))
      ? []
      : [`${path}: expected one of ${enumType.members.join(', ')}, got ${JSON.stringify(value)}`];
  }
  const complexType = GRAPH_SCHEMA.complexTypes[type];
  if (!complexType) return [`${path}: type ${type} is not in the schema snapshot`];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`${path}: expected an object (${type})`];
  const odataType = (value as Record<string, unknown>)['@odata.type'];
  const actualType = typeof odataType === 'string' ? odataType.replace('#microsoft.graph.', '') : type;
  const properties = GRAPH_SCHEMA.complexTypes[actualType]?.properties ?? complexType.properties;
  return objectProblems(properties, value as Record<string, unknown>, path, actualType);
}

/** Problems of one property value against its CSDL declaration (type and nullability). */
export function propertyProblems(property: SchemaProperty, value: unknown, path: string): string[] {
  if (value === null) return property.nullable ? [] : [`${path}: null, but the property is not nullable`];
  if (value === undefined) return [`${path}: undefined`];
  return valueProblems(property.type, value, path);
}

function objectProblems(
  properties: Record<string, SchemaProperty>,
  value: Record<string, unknown>,
  path: string,
  typeName: string,
): string[] {
  return Object.entries(value).flatMap(([name, propertyValue]) => {
    if (name.startsWith('@odata.') || name === '@removed') return [];
    const property = properties[name];
    if (!property) return [`${path}.${name}: not a property of ${typeName}`];
    return propertyProblems(property, propertyValue, `${path}.${name}`);
  });
}

/**
 * Everything in an entity as returned (or accepted) by the emulator that differs from Microsoft
 * Graph v1.0's schema: unknown property names, wrong types, nulls in non-nullable properties, enum
 * values that do not exist. Empty when the entity conforms.
 */
export function entityProblems(
  entityType: ServedEntityType,
  value: Record<string, unknown>,
  path: string = entityType,
): string[] {
  return objectProblems(GRAPH_SCHEMA.entityTypes[entityType].properties, value, path, entityType);
}
