/**
 * An error answered in Graph's shape: `{error: {code, message, innerError}}` with Graph's status
 * codes and error codes, so clients (and their retry handlers) react as they do against Microsoft.
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export function resourceNotFound(id: string): GraphError {
  return new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

/** What Graph answers when the token lacks the needed application role or delegated scope. */
export function insufficientPrivileges(): GraphError {
  return new GraphError(
    403,
    'Authorization_RequestDenied',
    'Insufficient privileges to complete the operation.',
  );
}

export function badRequest(message: string, code = 'Request_BadRequest'): GraphError {
  return new GraphError(400, code, message);
}

export function unsupportedQuery(message: string): GraphError {
  return new GraphError(400, 'Request_UnsupportedQuery', message);
}

export function segmentNotFound(segment: string): GraphError {
  return new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
}
