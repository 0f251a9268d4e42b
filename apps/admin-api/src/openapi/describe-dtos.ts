import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-transformer keeps its `@Type` registry out of its public entry point; its types are published.
const { defaultMetadataStorage } =
  require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

type Dto = new () => object;
type SchemaOptions = Record<string, unknown>;

const described = new WeakSet<Dto>();

/**
 * Gives the OpenAPI generator the shape of the DTOs from their class-validator rules, so the document
 * says exactly what validation accepts (one source of truth: the contracts' DTOs carry no OpenAPI
 * decorators, and the admin API must not drift from what the services validate).
 */
export function describeDtoForOpenApi(dto: Dto): void {
  if (described.has(dto)) return;
  described.add(dto);
  const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const rule of rules) {
    byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  }
  for (const [property, propertyRules] of byProperty) {
    const options = propertyOptions(dto, property, propertyRules);
    ApiProperty(options as ApiPropertyOptions)(dto.prototype, property);
  }
}

function propertyOptions(dto: Dto, property: string, rules: ValidationMetadata[]): SchemaOptions {
  const options: SchemaOptions = {
    required: !rules.some((rule) => rule.type === 'conditionalValidation'),
  };
  const designType: unknown = Reflect.getMetadata('design:type', dto.prototype, property);
  const nested = rules.some((rule) => rule.type === 'nestedValidation');
  const isArray = designType === Array || rules.some((rule) => rule.name === 'isArray' || rule.each);
  if (nested) {
    const target = defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction() as Dto | undefined;
    if (target) {
      describeDtoForOpenApi(target);
      options['type'] = target;
    }
  } else {
    options['type'] = primitiveOf(designType, rules);
  }
  if (isArray) options['isArray'] = true;
  const messages: string[] = [];
  for (const rule of rules) {
    applyRule(options, rule);
    // Default messages are templates (`$property must be ...`): only the written ones explain anything.
    const message = rule.message;
    if (typeof message === 'string' && !message.includes('$') && !messages.includes(message)) {
      messages.push(message);
    }
  }
  // The validation messages say in words what the value must be (and they are what a refusal says).
  if (messages.length > 0 && options['description'] === undefined)
    options['description'] = messages.join('; ');
  return options;
}

function primitiveOf(designType: unknown, rules: ValidationMetadata[]): string {
  const names = new Set(rules.map((rule) => rule.name));
  if (names.has('isInt')) return 'integer';
  if (names.has('isNumber') || names.has('min') || names.has('max') || designType === Number) return 'number';
  if (names.has('isBoolean') || designType === Boolean) return 'boolean';
  if (names.has('isIn')) {
    const values = rules.find((rule) => rule.name === 'isIn')?.constraints[0] as unknown[] | undefined;
    if (values?.every((value) => typeof value === 'number')) return 'integer';
  }
  return 'string';
}

/** One class-validator rule as OpenAPI keywords; rules without an equivalent stay in the description. */
function applyRule(options: SchemaOptions, rule: ValidationMetadata): void {
  const [first, second] = rule.constraints ?? [];
  switch (rule.name ?? '') {
    case 'matches':
      options['pattern'] = first instanceof RegExp ? first.source : String(first);
      return;
    case 'isIn':
      options['enum'] = first as unknown[];
      return;
    case 'isEnum':
      options['enum'] = Object.values(first as object);
      return;
    case 'maxLength':
      options['maxLength'] = first;
      return;
    case 'minLength':
      options['minLength'] = first;
      return;
    case 'isLength':
      options['minLength'] = first;
      if (second !== undefined) options['maxLength'] = second;
      return;
    case 'isNotEmpty':
      options['minLength'] = Math.max(1, Number(options['minLength'] ?? 1));
      return;
    case 'min':
      options['minimum'] = first;
      return;
    case 'max':
      options['maximum'] = first;
      return;
    case 'isUuid':
      options['format'] = 'uuid';
      return;
    case 'isUrl':
      options['format'] = 'uri';
      return;
    case 'isEmail':
      options['format'] = 'email';
      return;
    case 'isBase64':
      options['format'] = 'byte';
      return;
    case 'isIso8601':
    case 'isDateString':
      options['format'] = 'date-time';
      return;
    case 'arrayMaxSize':
      options['maxItems'] = first;
      return;
    case 'arrayMinSize':
      options['minItems'] = first;
      return;
    default:
      return;
  }
}
