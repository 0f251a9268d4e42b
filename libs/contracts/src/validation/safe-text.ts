import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

// C0 and C1 control characters and DEL. Names end up in certificate subjects, logs and the next
// rotation's certificate: a NUL or an escape sequence there breaks them or forges log lines.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Line breaks and tabs are text in PEM files and nowhere else.
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface SafeTextOptions {
  /** Longest accepted value, in UTF-16 code units. */
  maxLength: number;
  /** Allows line breaks and tabs (PEM text); any other control character is still refused. */
  multiline?: boolean;
  /** Refuses the empty string (and whitespace only). */
  nonEmpty?: boolean;
}

/**
 * Text from outside: a string, well-formed Unicode (a lone surrogate makes encoders such as
 * node-forge throw), no control characters, and not longer than `maxLength`.
 */
export function SafeText(options: SafeTextOptions): PropertyDecorator {
  const control = options.multiline ? CONTROL_EXCEPT_LINES : CONTROL;
  // One validator with one reason, so an error names the actual problem and nothing else.
  const problem = (value: unknown): string | undefined => {
    if (typeof value !== 'string') return value === null ? 'must not be null' : 'must be a string';
    if (options.nonEmpty && value.trim() === '') return 'must not be empty';
    if (value.length > options.maxLength) return `must be at most ${options.maxLength} characters`;
    if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode text (it has a lone surrogate)';
    if (control.test(value)) {
      return options.multiline
        ? 'must not contain control characters other than line breaks and tabs'
        : 'must not contain control characters (NUL, line breaks, escapes)';
    }
    return undefined;
  };
  return ValidateBy({
    name: 'isSafeText',
    validator: {
      validate: (value: unknown) => problem(value) === undefined,
      defaultMessage: (args) => `$property ${problem(args?.value) ?? 'is invalid'}`,
    },
  });
}

/** Also for patterned strings (ids, URLs): a well-formed string free of control characters. */
export function NoControlCharacters(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'noControlCharacters',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isSafeText(value, CONTROL),
        defaultMessage: () => '$property must be well-formed text without control characters',
      },
    },
    validationOptions,
  );
}

export function isSafeText(value: string, control: RegExp = CONTROL): boolean {
  return !LONE_SURROGATE.test(value) && !control.test(value);
}

/**
 * An optional field: absent is fine, `null` is not. (class-validator's `@IsOptional` lets `null`
 * through to the handler, where "no value" was never meant to be representable.)
 */
export function OptionalField(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** A whole number in range, as a JSON number: `true`, `"3"` and `1.5` are refused, not converted. */
export function StrictInt(min: number, max: number, message: string): PropertyDecorator {
  return ValidateBy({
    name: 'isStrictInt',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
      defaultMessage: () => message,
    },
  });
}

/**
 * A number from a query string (`?limit=10`): whole-number text becomes a number; anything else
 * (`true`, `1.5`, `"ten"`) stays as it is, so the integer rule refuses it instead of reading `true` as 1.
 */
export function IntegerFromText(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value,
  );
}
