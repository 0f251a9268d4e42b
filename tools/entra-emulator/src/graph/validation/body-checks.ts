import { badRequest } from '../core/graph-error';

/**
 * Small checks for request bodies. Each failure is a 400 Request_BadRequest that names the property,
 * what was wrong and what Graph expects, e.g. "Invalid value specified for property 'appRoleId' of
 * resource 'AppRoleAssignment': expected a GUID."
 */
export type JsonObject = Record<string, unknown>;

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function invalidValue(property: string, resource: string, expectation: string): never {
  throw badRequest(
    `Invalid value specified for property '${property}' of resource '${resource}': ${expectation}`,
  );
}

export function requireObject(body: unknown, resource: string): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(
      `The request body must be a JSON object describing a ${resource}. Send Content-Type: application/json.`,
    );
  }
  return body as JsonObject;
}

/** Rejects properties the resource does not accept in this request (read-only or unknown). */
export function rejectUnexpected(
  body: JsonObject,
  writable: readonly string[],
  readOnly: readonly string[],
  resource: string,
): void {
  for (const name of Object.keys(body)) {
    if (name.startsWith('@odata.')) continue;
    if (readOnly.includes(name))
      throw badRequest(`Property '${name}' is read-only and cannot be set on ${resource}.`);
    if (!writable.includes(name))
      throw badRequest(
        `Property '${name}' does not exist on type 'microsoft.graph.${resource}' or cannot be written here.`,
      );
  }
}

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

export function requireGuid(body: JsonObject, property: string, resource: string): string {
  const value = body[property];
  if (value === undefined || value === null)
    throw badRequest(`Property '${property}' is required on ${resource}.`);
  if (!isGuid(value))
    invalidValue(
      property,
      resource,
      `expected a GUID such as 00000000-0000-0000-0000-000000000000, got ${JSON.stringify(value)}.`,
    );
  return value.toLowerCase();
}

export function optionalString(
  body: JsonObject,
  property: string,
  resource: string,
): string | null | undefined {
  const value = body[property];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string') invalidValue(property, resource, 'expected a string.');
  return value;
}

export function requireNonEmptyString(body: JsonObject, property: string, resource: string): string {
  const value = optionalString(body, property, resource);
  if (!value?.trim())
    throw badRequest(`Property '${property}' is required on ${resource} and must not be empty.`);
  return value;
}

export function optionalBoolean(body: JsonObject, property: string, resource: string): boolean | undefined {
  const value = body[property];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') invalidValue(property, resource, 'expected true or false.');
  return value;
}

export function optionalStringArray(
  body: JsonObject,
  property: string,
  resource: string,
): string[] | undefined {
  const value = body[property];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    invalidValue(property, resource, 'expected an array of strings.');
  return value as string[];
}

export function optionalArray(body: JsonObject, property: string, resource: string): unknown[] | undefined {
  const value = body[property];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) invalidValue(property, resource, 'expected an array.');
  return value;
}
