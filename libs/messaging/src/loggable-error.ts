/**
 * An error as it may be logged: its type, message, code and stack, and nothing else. Database errors
 * carry the statement's parameters (`parameters`, and the driver's `detail` with the values of a
 * violated key), which can be names, thumbprints or sealed keys: those stay out of the log.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: 'a non-error value was thrown' };
  const { code } = error as { code?: unknown };
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
  };
}
