import { badRequest, unsupportedQuery } from '../graph-error';
import { GRAPH_SCHEMA, type ServedEntityType } from '../schema/graph-schema';
import { type FilterLiteral, type FilterNode, isDateTimeLiteral } from './filter-parser';

export type FilterOperator = 'eq' | 'ne' | 'in' | 'startswith' | 'endswith' | 'ge' | 'le' | 'gt' | 'lt';

/** What one property supports in `$filter` (from the property's "Supports $filter" column in Graph's docs). */
export type FilterableProperties = Record<string, readonly FilterOperator[]>;

export interface FilterSpec {
  /** Resource name used in Graph's error message, e.g. "User". */
  resource: string;
  /** The entity type whose CSDL property types the literals must match. */
  entityType: ServedEntityType;
  properties: FilterableProperties;
  /** Collection properties usable with `any`: element properties, or `{'': [...]}` for collections of primitives. */
  collections: Record<string, FilterableProperties>;
}

/** Operators that need advanced queries (`ConsistencyLevel: eventual` and `$count=true`). */
const ADVANCED: ReadonlySet<string> = new Set(['ne', 'endswith', 'not', 'gt', 'lt']);

export type Predicate = (item: object) => boolean;

function unsupported(property: string, resource: string): never {
  throw unsupportedQuery(
    `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`,
  );
}

function normalise(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

const OPERATOR_KINDS: Record<FilterOperator, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  ge: 'GreaterThanOrEqual',
  le: 'LessThanOrEqual',
  gt: 'GreaterThan',
  lt: 'LessThan',
  in: 'In',
  startswith: 'Call',
  endswith: 'Call',
};

function literalType(value: FilterLiteral): string | undefined {
  if (value === null) return undefined;
  if (isDateTimeLiteral(value)) return 'Edm.DateTimeOffset';
  if (typeof value === 'boolean') return 'Edm.Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Edm.Int32' : 'Edm.Double';
  return 'Edm.String';
}

function compatible(propertyType: string, literal: string): boolean {
  if (propertyType === literal) return true;
  const numeric = ['Edm.Int32', 'Edm.Int64', 'Edm.Double', 'Edm.Decimal'];
  if (numeric.includes(propertyType) && numeric.includes(literal)) return true;
  // The parser reads an unquoted GUID as a string: both spellings are let through for GUID properties.
  return propertyType === 'Edm.Guid' && literal === 'Edm.String';
}

/**
 * OData is typed: a literal of another type than the property is a 400, e.g. `accountEnabled eq 'true'`
 * or `createdDateTime ge '2024-01-01'` (Graph: "A binary operator with incompatible types was
 * detected"). Without this check such a filter would silently match nothing.
 */
function checkLiteralType(
  spec: FilterSpec,
  property: string,
  operator: FilterOperator,
  value: FilterLiteral,
): void {
  const propertyType = GRAPH_SCHEMA.entityTypes[spec.entityType].properties[property]?.type;
  const type = literalType(value);
  if (!propertyType || !type || propertyType.startsWith('Collection(') || compatible(propertyType, type))
    return;
  throw badRequest(
    `A binary operator with incompatible types was detected. Found operand types '${propertyType}' and '${type}' for operator kind '${OPERATOR_KINDS[operator]}'.`,
    'BadRequest',
  );
}

/** Dates compare as instants; everything else as (case-insensitive) values. */
function comparable(actual: unknown, expected: FilterLiteral): [unknown, unknown] {
  if (!isDateTimeLiteral(expected)) return [normalise(actual), normalise(expected)];
  const instant = typeof actual === 'string' ? Date.parse(actual) : Number.NaN;
  return [Number.isNaN(instant) ? null : instant, expected.dateTimeOffset];
}

function compareValues(actual: unknown, operator: FilterOperator, expected: FilterLiteral): boolean {
  const [left, right] = comparable(actual, expected);
  switch (operator) {
    case 'eq':
      return right === null ? left === null || left === undefined : left === right;
    case 'ne':
      return right === null ? left !== null && left !== undefined : left !== right;
    case 'ge':
      return (
        left !== null &&
        left !== undefined &&
        right !== null &&
        (left as string | number) >= (right as string | number)
      );
    case 'le':
      return (
        left !== null &&
        left !== undefined &&
        right !== null &&
        (left as string | number) <= (right as string | number)
      );
    case 'gt':
      return (
        left !== null &&
        left !== undefined &&
        right !== null &&
        (left as string | number) > (right as string | number)
      );
    case 'lt':
      return (
        left !== null &&
        left !== undefined &&
        right !== null &&
        (left as string | number) < (right as string | number)
      );
    case 'in':
    case 'startswith':
    case 'endswith':
      throw badRequest(`Operator '${operator}' is not a comparison.`);
  }
}

/**
 * Checks a parsed `$filter` against what the resource supports (400 Request_UnsupportedQuery
 * otherwise, with Graph's message) and turns it into a predicate. String comparisons ignore case, as
 * directory queries do.
 */
export function compileFilter(node: FilterNode, spec: FilterSpec, advanced: boolean): Predicate {
  const requireOperator = (
    properties: FilterableProperties,
    property: string,
    operator: FilterOperator,
    label: string,
  ): void => {
    const allowed = properties[property];
    if (!allowed?.includes(operator)) unsupported(label, spec.resource);
    if (ADVANCED.has(operator) && !advanced) unsupported(label, spec.resource);
  };

  const compile = (
    current: FilterNode,
    scope: { variable: string; properties: FilterableProperties } | undefined,
  ): Predicate => {
    const access = (path: string): { key: string; read: (item: object) => unknown } => {
      if (scope) {
        if (path === scope.variable)
          return { key: '', read: (item) => (item as Record<string, unknown>)[''] };
        if (path.startsWith(`${scope.variable}/`)) {
          const key = path.slice(scope.variable.length + 1);
          return { key, read: (item) => (item as Record<string, unknown>)[key] };
        }
        return unsupported(path, spec.resource);
      }
      return { key: path, read: (item) => (item as Record<string, unknown>)[path] };
    };
    const properties = scope?.properties ?? spec.properties;

    switch (current.kind) {
      case 'and': {
        const left = compile(current.left, scope);
        const right = compile(current.right, scope);
        return (item) => left(item) && right(item);
      }
      case 'or': {
        const left = compile(current.left, scope);
        const right = compile(current.right, scope);
        return (item) => left(item) || right(item);
      }
      case 'not': {
        if (!advanced) unsupported('not', spec.resource);
        const operand = compile(current.operand, scope);
        return (item) => !operand(item);
      }
      case 'compare': {
        const { key, read } = access(current.path);
        requireOperator(properties, key, current.operator, current.path);
        if (!scope) checkLiteralType(spec, key, current.operator, current.value);
        const { operator, value } = current;
        return (item) => compareValues(read(item), operator, value);
      }
      case 'in': {
        const { key, read } = access(current.path);
        requireOperator(properties, key, 'in', current.path);
        if (!scope) for (const value of current.values) checkLiteralType(spec, key, 'in', value);
        const values = new Set(current.values.map(normalise));
        return (item) => values.has(normalise(read(item)));
      }
      case 'call': {
        const { key, read } = access(current.path);
        requireOperator(properties, key, current.name, current.path);
        const needle = current.value.toLowerCase();
        const test =
          current.name === 'startswith'
            ? (text: string) => text.startsWith(needle)
            : (text: string) => text.endsWith(needle);
        return (item) => {
          const actual = read(item);
          return typeof actual === 'string' && test(actual.toLowerCase());
        };
      }
      case 'any': {
        if (scope) unsupported(current.collection, spec.resource);
        const elementProperties = spec.collections[current.collection];
        if (!elementProperties) unsupported(current.collection, spec.resource);
        const body = compile(current.body, { variable: current.variable, properties: elementProperties });
        const collection = current.collection;
        return (item) => {
          const elements = (item as Record<string, unknown>)[collection];
          return (
            Array.isArray(elements) &&
            elements.some((element: unknown) =>
              body((typeof element === 'object' ? element : { '': element }) as object),
            )
          );
        };
      }
    }
  };
  return compile(node, undefined);
}
