import { badRequest } from '../graph-error';

/** An unquoted `Edm.DateTimeOffset` literal, e.g. `createdDateTime ge 2024-01-01T00:00:00Z`. */
export interface DateTimeLiteral {
  dateTimeOffset: number;
}

/** The subset of OData `$filter` that directory queries accept. */
export type FilterLiteral = string | number | boolean | null | DateTimeLiteral;

export function isDateTimeLiteral(value: unknown): value is DateTimeLiteral {
  return typeof value === 'object' && value !== null && 'dateTimeOffset' in value;
}
export type ComparisonOperator = 'eq' | 'ne' | 'ge' | 'le' | 'gt' | 'lt';

export type FilterNode =
  | { kind: 'compare'; path: string; operator: ComparisonOperator; value: FilterLiteral }
  | { kind: 'in'; path: string; values: FilterLiteral[] }
  | { kind: 'call'; name: 'startswith' | 'endswith'; path: string; value: string }
  | { kind: 'any'; collection: string; variable: string; body: FilterNode }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode };

type Token =
  | { type: 'word'; text: string; at: number }
  | { type: 'string'; text: string; at: number }
  | { type: 'number'; value: number; at: number }
  | { type: 'dateTime'; text: string; at: number }
  | { type: 'punct'; text: '(' | ')' | ',' | ':'; at: number };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const COMPARISONS = new Set(['eq', 'ne', 'ge', 'le', 'gt', 'lt']);
/** Deepest nesting of parentheses, `not` and `any` a filter may have. */
const MAX_NESTING = 50;
// OData ABNF dateTimeOffsetValue: unquoted, with seconds and fractions optional and a zone required.
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,12})?)?(?:Z|[+-]\d{2}:\d{2})/i;

function syntaxError(filter: string, at: number): never {
  throw badRequest(`Invalid filter clause: syntax error at position ${at} in '${filter}'.`, 'BadRequest');
}

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const char = filter[i];
    if (/\s/.test(char)) {
      i++;
    } else if (char === "'") {
      let text = '';
      const start = i++;
      for (;;) {
        if (i >= filter.length) syntaxError(filter, start);
        if (filter[i] === "'") {
          if (filter[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += filter[i++];
      }
      tokens.push({ type: 'string', text, at: start });
    } else if (DATE_TIME_OFFSET.test(filter.slice(i))) {
      const text = (DATE_TIME_OFFSET.exec(filter.slice(i)) as RegExpExecArray)[0];
      tokens.push({ type: 'dateTime', text, at: i });
      i += text.length;
    } else if ('(),:'.includes(char)) {
      tokens.push({ type: 'punct', text: char as '(' | ')' | ',' | ':', at: i++ });
    } else {
      const match = /^[A-Za-z0-9_.\-/$@#]+/.exec(filter.slice(i));
      if (!match) syntaxError(filter, i);
      const text = match[0];
      if (/^-?\d+(\.\d+)?$/.test(text)) tokens.push({ type: 'number', value: Number(text), at: i });
      else tokens.push({ type: 'word', text, at: i });
      i += text.length;
    }
  }
  return tokens;
}

/** Parses a `$filter` expression; answers 400 with the position of the first syntax error. */
export function parseFilter(filter: string): FilterNode {
  const tokens = tokenize(filter);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const fail = (): never => syntaxError(filter, peek()?.at ?? filter.length);
  const isWord = (text: string): boolean => {
    const token = peek();
    return token?.type === 'word' && token.text.toLowerCase() === text;
  };
  const expectPunct = (text: string): void => {
    const token = peek();
    if (token?.type !== 'punct' || token.text !== text) fail();
    position++;
  };
  const path = (): string => {
    const token = peek();
    if (token?.type !== 'word' || GUID.test(token.text)) return fail();
    position++;
    return token.text;
  };
  const literal = (): FilterLiteral => {
    const token = peek();
    position++;
    if (token?.type === 'string') return token.text;
    if (token?.type === 'number') return token.value;
    if (token?.type === 'dateTime') {
      const epochMs = Date.parse(token.text);
      return Number.isNaN(epochMs) ? syntaxError(filter, token.at) : { dateTimeOffset: epochMs };
    }
    if (token?.type === 'word') {
      const lower = token.text.toLowerCase();
      if (lower === 'true' || lower === 'false') return lower === 'true';
      if (lower === 'null') return null;
      if (GUID.test(token.text)) return token.text;
    }
    return fail();
  };

  // Parentheses, `not` and `any` nest; a bound keeps a hostile filter a 400, never a stack overflow.
  let depth = 0;
  const nested = <T>(parse: () => T): T => {
    if (++depth > MAX_NESTING) {
      throw badRequest(
        `Invalid filter clause: the expression is nested more than ${MAX_NESTING} levels deep.`,
        'BadRequest',
      );
    }
    const result = parse();
    depth--;
    return result;
  };

  const primary = (): FilterNode => {
    const token = peek();
    if (token?.type === 'punct' && token.text === '(') {
      position++;
      const inner = nested(orExpression);
      expectPunct(')');
      return inner;
    }
    if (isWord('not')) {
      position++;
      return { kind: 'not', operand: nested(primary) };
    }
    if (
      token?.type === 'word' &&
      (isWord('startswith') || isWord('endswith')) &&
      tokens[position + 1]?.type === 'punct'
    ) {
      const name = token.text.toLowerCase() as 'startswith' | 'endswith';
      position++;
      expectPunct('(');
      const target = path();
      expectPunct(',');
      const value = literal();
      expectPunct(')');
      if (typeof value !== 'string') fail();
      return { kind: 'call', name, path: target, value: value as string };
    }
    const target = path();
    const lambda = /^(.+)\/(any|all)$/i.exec(target);
    if (lambda) {
      if (lambda[2].toLowerCase() !== 'any') {
        throw badRequest(
          "Only the 'any' lambda operator is supported on directory collections.",
          'Request_UnsupportedQuery',
        );
      }
      expectPunct('(');
      const variable = path();
      expectPunct(':');
      const body = nested(orExpression);
      expectPunct(')');
      return { kind: 'any', collection: lambda[1], variable, body };
    }
    const operator = peek();
    if (operator?.type !== 'word') return fail();
    const op = operator.text.toLowerCase();
    position++;
    if (op === 'in') {
      expectPunct('(');
      const values = [literal()];
      while (peek()?.type === 'punct' && (peek() as { text: string }).text === ',') {
        position++;
        values.push(literal());
      }
      expectPunct(')');
      return { kind: 'in', path: target, values };
    }
    if (!COMPARISONS.has(op)) {
      position--;
      return fail();
    }
    return { kind: 'compare', path: target, operator: op as ComparisonOperator, value: literal() };
  };

  const andExpression = (): FilterNode => {
    let left = primary();
    while (isWord('and')) {
      position++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  function orExpression(): FilterNode {
    let left = andExpression();
    while (isWord('or')) {
      position++;
      left = { kind: 'or', left, right: andExpression() };
    }
    return left;
  }

  if (tokens.length === 0) fail();
  const tree = orExpression();
  if (position < tokens.length) fail();
  return tree;
}
