const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * One row of PostgreSQL's COPY text format: the fields joined by tabs, with the four characters that
 * format gives a meaning to (backslash, tab, line feed, carriage return) escaped. No field is NULL.
 */
export function copyText(fields: string[]): string {
  return fields
    .map((field) => (SPECIAL.test(field) ? field.replace(SPECIALS, (c) => ESCAPED[c] ?? c) : field))
    .join('\t');
}
