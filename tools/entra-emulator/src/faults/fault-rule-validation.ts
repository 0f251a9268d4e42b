import type { FaultKind, FaultRuleInput } from './fault-rule';

const KINDS: readonly FaultKind[] = ['throttle', 'serverError', 'delay', 'cutConnection'];
const SERVER_ERROR_STATUSES = [500, 502, 503, 504];

/** A fault rule the control API refused, with what to change. */
export class FaultRuleError extends Error {}

function positiveInteger(value: unknown, name: string, minimum: number, maximum: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw new FaultRuleError(
      `${name} must be a whole number from ${minimum} to ${maximum}, got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/** Validates a rule from the control API (JSON), naming the first wrong field. */
export function parseFaultRule(body: unknown): FaultRuleInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new FaultRuleError(
      'Send a JSON object such as {"kind": "throttle", "everyNth": 3, "retryAfterSeconds": 1}.',
    );
  }
  const input = body as Record<string, unknown>;
  const known = [
    'kind',
    'pathPrefix',
    'tenant',
    'everyNth',
    'probability',
    'seed',
    'times',
    'retryAfterSeconds',
    'status',
    'delayMs',
    'cutAfterBytes',
  ];
  const unknown = Object.keys(input).filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw new FaultRuleError(`Unknown field(s) ${unknown.join(', ')}; allowed: ${known.join(', ')}.`);
  const kind = input['kind'];
  if (typeof kind !== 'string' || !KINDS.includes(kind as FaultKind))
    throw new FaultRuleError(`kind must be one of ${KINDS.join(', ')}.`);
  for (const name of ['pathPrefix', 'tenant'] as const) {
    if (input[name] !== undefined && (typeof input[name] !== 'string' || !input[name]))
      throw new FaultRuleError(`${name} must be a non-empty string.`);
  }
  if (typeof input['pathPrefix'] === 'string' && !input['pathPrefix'].startsWith('/'))
    throw new FaultRuleError('pathPrefix must start with "/", e.g. "/v1.0/users".');
  const probability = input['probability'];
  if (probability !== undefined && (typeof probability !== 'number' || probability <= 0 || probability > 1)) {
    throw new FaultRuleError('probability must be a number greater than 0 and at most 1.');
  }
  if (probability !== undefined && input['everyNth'] !== undefined)
    throw new FaultRuleError('Give either everyNth or probability, not both.');
  const status = positiveInteger(input['status'], 'status', 500, 504);
  if (status !== undefined && !SERVER_ERROR_STATUSES.includes(status))
    throw new FaultRuleError(`status must be one of ${SERVER_ERROR_STATUSES.join(', ')}.`);
  if (kind === 'delay' && input['delayMs'] === undefined)
    throw new FaultRuleError('A delay fault needs delayMs.');
  return {
    kind: kind as FaultKind,
    pathPrefix: input['pathPrefix'] as string | undefined,
    tenant: input['tenant'] as string | undefined,
    everyNth: positiveInteger(input['everyNth'], 'everyNth', 1, 1_000_000),
    probability: probability as number | undefined,
    seed: positiveInteger(input['seed'], 'seed', 0, 2 ** 32 - 1),
    times: positiveInteger(input['times'], 'times', 1, 1_000_000),
    retryAfterSeconds: positiveInteger(input['retryAfterSeconds'], 'retryAfterSeconds', 0, 3600),
    status,
    delayMs: positiveInteger(input['delayMs'], 'delayMs', 0, 120_000),
    cutAfterBytes: positiveInteger(input['cutAfterBytes'], 'cutAfterBytes', 0, 100_000_000),
  };
}
