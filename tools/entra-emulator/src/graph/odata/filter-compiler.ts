import { badRequest, unsupportedQuery } from '../core/graph-error';
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

/** Graph's limit on the terms of one `or` chain (each `in` value counts as one). */
export const MAX_OR_TERMS = 15;

/** What compiling one node needs: the resource, whether advanced queries are on, the `any` scope. */
interface Compilation {
  spec: FilterSpec;
  advanced: boolean;
  scope?: { variable: string; properties: FilterableProperties };
}

/**
 * Checks a parsed `$filter` against what the resource supports (400 Request_UnsupportedQuery
 * otherwise, with Graph's message) and turns it into a predicate. String comparisons ignore case, as
 * directory queries do. Each node kind is one small step below.
 */
export function compileFilter(node: FilterNode, spec: FilterSpec, advanced: boolean): Predicate {
  checkOrTerms(node);
  return compileNode(node, { spec, advanced });
}

function compileNode(node: FilterNode, context: Compilation): Predicate {
  switch (node.kind) {
    case 'and':
    case 'or':
      return compileJunction(node.kind, node.left, node.right, context);
    case 'not':
      return compileNot(node.operand, context);
    case 'compare':
      return node.path.endsWith('/$count') ? compileCount(node, context) : compileCompare(node, context);
    case 'in':
      return compileIn(node, context);
    case 'call':
      return compileCall(node, context);
    case 'any':
      return compileAny(node, context);
  }
}

function compileJunction(
  kind: 'and' | 'or',
  leftNode: FilterNode,
  rightNode: FilterNode,
  context: Compilation,
): Predicate {
  const left = compileNode(leftNode, context);
  const right = compileNode(rightNode, context);
  return kind === 'and' ? (item) => left(item) && right(item) : (item) => left(item) || right(item);
}

function compileNot(operandNode: FilterNode, context: Compilation): Predicate {
  requireAdvanced('not', context);
  const operand = compileNode(operandNode, context);
  return (item) => !operand(item);
}

function compileCompare(node: Extract<FilterNode, { kind: 'compare' }>, context: Compilation): Predicate {
  const { key, read } = access(node.path, context);
  requireOperator(key, node.operator, node.path, context);
  if (!context.scope) checkLiteralType(context.spec, key, node.operator, node.value);
  const { operator, value } = node;
  return (item) => compareValues(read(item), operator, value);
}

/**
 * `assignedLicenses/$count ne 0`: the size of a collection, an advanced query only
 * (https://learn.microsoft.com/graph/aad-advanced-queries, "$count as a query parameter in $filter").
 */
function compileCount(node: Extract<FilterNode, { kind: 'compare' }>, context: Compilation): Predicate {
  const collection = node.path.slice(0, -'/$count'.length);
  if (context.scope || !context.spec.collections[collection] || typeof node.value !== 'number')
    unsupported(node.path, context.spec.resource);
  requireAdvanced('$count', context);
  const { operator, value } = node;
  return (item) => {
    const elements = (item as Record<string, unknown>)[collection];
    return compareValues(Array.isArray(elements) ? elements.length : 0, operator, value);
  };
}

function compileIn(node: Extract<FilterNode, { kind: 'in' }>, context: Compilation): Predicate {
  const { key, read } = access(node.path, context);
  requireOperator(key, 'in', node.path, context);
  if (!context.scope) for (const value of node.values) checkLiteralType(context.spec, key, 'in', value);
  const values = new Set(node.values.map(normalise));
  return (item) => values.has(normalise(read(item)));
}

function compileCall(node: Extract<FilterNode, { kind: 'call' }>, context: Compilation): Predicate {
  const { key, read } = access(node.path, context);
  requireOperator(key, node.name, node.path, context);
  const needle = node.value.toLowerCase();
  const test =
    node.name === 'startswith'
      ? (text: string) => text.startsWith(needle)
      : (text: string) => text.endsWith(needle);
  return (item) => {
    const actual = read(item);
    return typeof actual === 'string' && test(actual.toLowerCase());
  };
}

function compileAny(node: Extract<FilterNode, { kind: 'any' }>, context: Compilation): Predicate {
  if (context.scope) unsupported(node.collection, context.spec.resource);
  const elementProperties = context.spec.collections[node.collection];
  if (!elementProperties) unsupported(node.collection, context.spec.resource);
  const body = compileNode(node.body, {
    ...context,
    scope: { variable: node.variable, properties: elementProperties },
  });
  const collection = node.collection;
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

/** A property path, or inside `any(x: ...)` the lambda variable (`x`) or one of its properties (`x/skuId`). */
function access(path: string, context: Compilation): { key: string; read: (item: object) => unknown } {
  const { scope } = context;
  if (!scope) return { key: path, read: (item) => (item as Record<string, unknown>)[path] };
  if (path === scope.variable) return { key: '', read: (item) => (item as Record<string, unknown>)[''] };
  if (path.startsWith(`${scope.variable}/`)) {
    const key = path.slice(scope.variable.length + 1);
    return { key, read: (item) => (item as Record<string, unknown>)[key] };
  }
  return unsupported(path, context.spec.resource);
}

function requireOperator(key: string, operator: FilterOperator, label: string, context: Compilation): void {
  const properties = context.scope?.properties ?? context.spec.properties;
  if (!properties[key]?.includes(operator)) unsupported(label, context.spec.resource);
  if (ADVANCED.has(operator)) requireAdvanced(operator === 'endswith' ? 'endsWith' : operator, context);
}

/** Graph's answer to an advanced operator without `ConsistencyLevel: eventual` and `$count=true`. */
function requireAdvanced(operator: string, context: Compilation): void {
  if (context.advanced) return;
  throw unsupportedQuery(
    `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
  );
}

/**
 * Graph refuses an `or` chain (with `in` values counted as terms) of more than 15 terms: "Too many
 * child clauses specified in search filter expression containing 'OR' operators: 16. Max allowed: 15."
 */
function checkOrTerms(node: FilterNode): void {
  const terms = (current: FilterNode): number =>
    current.kind === 'or'
      ? terms(current.left) + terms(current.right)
      : current.kind === 'in'
        ? current.values.length
        : 1;
  const visit = (current: FilterNode): void => {
    if (current.kind === 'or' || current.kind === 'in') {
      const count = terms(current);
      if (count > MAX_OR_TERMS)
        throw unsupportedQuery(
          `Too many child clauses specified in search filter expression containing 'OR' operators: ${count}. Max allowed: ${MAX_OR_TERMS}.`,
        );
    }
    if (current.kind === 'and') {
      visit(current.left);
      visit(current.right);
    } else if (current.kind === 'or') {
      visitChildren(current.left);
      visitChildren(current.right);
    } else if (current.kind === 'not') visit(current.operand);
    else if (current.kind === 'any') visit(current.body);
  };
  // Within one `or` chain the count is taken once, at its top.
  const visitChildren = (child: FilterNode): void => {
    if (child.kind === 'or') {
      visitChildren(child.left);
      visitChildren(child.right);
    } else visit(child);
  };
  visit(node);
}
