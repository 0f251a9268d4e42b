import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { ErrorCode, type RpcErrorBody } from '@archive365/contracts';

export type ValidationOutcome<T> = { ok: true; value: T } | { ok: false; error: RpcErrorBody };

export interface ValidationMode {
  /**
   * Refuse unknown fields (requests: a caller's typo surfaces at once), or drop them (events: a newer
   * publisher may add a field during a rolling deploy, and an event must never be lost for that).
   */
  unknownFields: 'refuse' | 'ignore';
}

/**
 * Validates a message body against its DTO: an untrusted plain body is first copied into the DTO's
 * classes; a value already built as the DTO (an event this service publishes) is validated as it is.
 */
export async function validatePayload<T extends object>(
  dto: new () => T,
  body: unknown,
  mode: ValidationMode = { unknownFields: 'refuse' },
): Promise<ValidationOutcome<T>> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      error: { code: ErrorCode.ValidationFailed, message: 'the payload must be a JSON object' },
    };
  }
  // The copy is what lets class-validator see a plain body's decorators; for a 500-change event it
  // costs more than the validation itself. A nested plain object where the DTO wants a class is
  // still refused (forbidUnknownValues), so skipping the copy never lets a payload through.
  const value = body instanceof dto ? body : plainToInstance(dto, body);
  const errors = await validate(value, {
    whitelist: true,
    forbidNonWhitelisted: mode.unknownFields === 'refuse',
    forbidUnknownValues: true,
  });
  if (errors.length === 0) {
    return { ok: true, value };
  }
  const [field, reason] = firstProblem(errors[0]);
  // Messages usually name their property already ("clientId must be ..."): do not say it twice.
  const leaf = field.split('.').at(-1) ?? field;
  const message = reason.startsWith(leaf) ? reason.replace(leaf, field) : `${field}: ${reason}`;
  return { ok: false, error: { code: ErrorCode.ValidationFailed, message, field } };
}

function firstProblem(error: ValidationError, parent = ''): [string, string] {
  // class-validator reports a value it has no rules for without a property name.
  const property = error.property || 'payload';
  const field = parent ? `${parent}.${property}` : property;
  const constraints = Object.values(error.constraints ?? {});
  if (constraints.length > 0) {
    return [field, constraints.join('; ')];
  }
  const child = error.children?.[0];
  return child ? firstProblem(child, field) : [field, 'is invalid'];
}
