import type { ErrorRequestHandler } from 'express';
import { FaultRuleError } from '../faults';
import { DirectoryError } from '../store/directory-error';

/** A refused control request: status, a stable code and a message that says how to fix it. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

function asControlError(error: unknown): ControlError {
  if (error instanceof ControlError) return error;
  if (error instanceof DirectoryError) {
    switch (error.kind) {
      case 'badRequest':
        return new ControlError(400, 'invalid_request', error.message);
      case 'notFound':
        return new ControlError(404, 'not_found', error.message);
      case 'conflict':
        return new ControlError(409, 'conflict', error.message);
    }
  }
  if (error instanceof FaultRuleError || error instanceof RangeError)
    return new ControlError(400, 'invalid_request', error.message);
  if (error instanceof URIError)
    return new ControlError(400, 'invalid_request', 'The path is not valid percent-encoding.');
  if (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    error.type === 'entity.parse.failed'
  ) {
    return new ControlError(
      400,
      'invalid_json',
      'The body is not valid JSON. Send Content-Type: application/json and a JSON object.',
    );
  }
  return new ControlError(
    500,
    'internal_error',
    'The emulator failed to apply the change; nothing was changed.',
  );
}

/** `{error: {code, message}}` for every control API failure; never a stack or request data. */
export const controlErrorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const controlError = asControlError(error);
  res.status(controlError.status).json({ error: { code: controlError.code, message: controlError.message } });
};
