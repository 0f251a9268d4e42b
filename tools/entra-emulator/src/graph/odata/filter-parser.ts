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
  if (tokens.length === 0) syntaxError(filter, filter.length);
  return new FilterParser(filter, tokens).parse();
}

/**
 * Recursive descent over the tokens, one small method per grammar rule:
 * or := and ('or' and)*; and := primary ('and' primary)*; primary := '(' or ')' | 'not' primary |
 * startswith/endswith '(' path ',' string ')' | path '/any(' var ':' or ')' | path 'in' '(' literals ')' |
 * path comparison literal.
 */
class FilterParser {
  private position = 0;
  /** Parentheses, `not` and `any` nest; a bound keeps a hostile filter a 400, never a stack overflow. */
  private depth = 0;

  constructor(
    private readonly filter: string,
    private readonly tokens: Token[],
  ) {}

  parse(): FilterNode {
    const tree = this.orExpression();
    if (this.position < this.tokens.length) this.fail();
    return tree;
  }

  private orExpression(): FilterNode {
    let left = this.andExpression();
    while (this.isWord('or')) {
      this.position++;
      left = { kind: 'or', left, right: this.andExpression() };
    }
    return left;
  }

  private andExpression(): FilterNode {
    let left = this.primary();
    while (this.isWord('and')) {
      this.position++;
      left = { kind: 'and', left, right: this.primary() };
    }
    return left;
  }

  private primary(): FilterNode {
    const token = this.peek();
    if (token?.type === 'punct' && token.text === '(') return this.parenthesized();
    if (this.isWord('not')) return this.negation();
    if (
      (this.isWord('startswith') || this.isWord('endswith')) &&
      this.tokens[this.position + 1]?.type === 'punct'
    )
      return this.stringCall();
    const target = this.path();
    const lambda = /^(.+)\/(any|all)$/i.exec(target);
    if (lambda) return this.lambda(lambda[1], lambda[2]);
    return this.comparison(target);
  }

  private parenthesized(): FilterNode {
    this.position++;
    const inner = this.nested(() => this.orExpression());
    this.expectPunct(')');
    return inner;
  }

  private negation(): FilterNode {
    this.position++;
    return { kind: 'not', operand: this.nested(() => this.primary()) };
  }

  private stringCall(): FilterNode {
    const name = (this.peek() as { text: string }).text.toLowerCase() as 'startswith' | 'endswith';
    this.position++;
    this.expectPunct('(');
    const target = this.path();
    this.expectPunct(',');
    const value = this.literal();
    this.expectPunct(')');
    if (typeof value !== 'string') this.fail();
    return { kind: 'call', name, path: target, value: value as string };
  }

  private lambda(collection: string, operator: string): FilterNode {
    if (operator.toLowerCase() !== 'any') {
      throw badRequest(
        "Only the 'any' lambda operator is supported on directory collections.",
        'Request_UnsupportedQuery',
      );
    }
    this.expectPunct('(');
    const variable = this.path();
    this.expectPunct(':');
    const body = this.nested(() => this.orExpression());
    this.expectPunct(')');
    return { kind: 'any', collection, variable, body };
  }

  private comparison(target: string): FilterNode {
    const operator = this.peek();
    if (operator?.type !== 'word') return this.fail();
    const op = operator.text.toLowerCase();
    this.position++;
    if (op === 'in') return { kind: 'in', path: target, values: this.literalList() };
    if (!COMPARISONS.has(op)) {
      this.position--;
      return this.fail();
    }
    return { kind: 'compare', path: target, operator: op as ComparisonOperator, value: this.literal() };
  }

  private literalList(): FilterLiteral[] {
    this.expectPunct('(');
    const values = [this.literal()];
    while (this.peek()?.type === 'punct' && (this.peek() as { text: string }).text === ',') {
      this.position++;
      values.push(this.literal());
    }
    this.expectPunct(')');
    return values;
  }

  private path(): string {
    const token = this.peek();
    if (token?.type !== 'word' || GUID.test(token.text)) return this.fail();
    this.position++;
    return token.text;
  }

  private literal(): FilterLiteral {
    const token = this.peek();
    this.position++;
    if (token?.type === 'string') return token.text;
    if (token?.type === 'number') return token.value;
    if (token?.type === 'dateTime') {
      const epochMs = Date.parse(token.text);
      return Number.isNaN(epochMs) ? syntaxError(this.filter, token.at) : { dateTimeOffset: epochMs };
    }
    if (token?.type === 'word') {
      const lower = token.text.toLowerCase();
      if (lower === 'true' || lower === 'false') return lower === 'true';
      if (lower === 'null') return null;
      if (GUID.test(token.text)) return token.text;
    }
    return this.fail();
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_NESTING) {
      throw badRequest(
        `Invalid filter clause: the expression is nested more than ${MAX_NESTING} levels deep.`,
        'BadRequest',
      );
    }
    const result = parse();
    this.depth--;
    return result;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private isWord(text: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.text.toLowerCase() === text;
  }

  private expectPunct(text: string): void {
    const token = this.peek();
    if (token?.type !== 'punct' || token.text !== text) this.fail();
    this.position++;
  }

  private fail(): never {
    return syntaxError(this.filter, this.peek()?.at ?? this.filter.length);
  }
}
