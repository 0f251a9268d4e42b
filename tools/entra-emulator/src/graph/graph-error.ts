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

/**
 * Graph's 429 (https://learn.microsoft.com/graph/throttling and "Identity and access service limits"):
 * `TooManyRequests`, "Please retry again later.", `Retry-After` in seconds and the identity
 * throttling headers naming the scope (tenant and app) and the reason.
 */
export function tooManyRequests(
  retryAfterSeconds: number,
  scope?: { tenantId: string; appId: string; cost?: number },
): GraphError {
  return new GraphError(429, 'TooManyRequests', 'Please retry again later.', {
    'retry-after': String(retryAfterSeconds),
    ...(scope
      ? {
          'x-ms-throttle-scope': `Tenant_Application/ReadWrite/${scope.tenantId}/${scope.appId}`,
          'x-ms-throttle-information': 'ResourceUnitLimitExceeded',
          'x-ms-throttle-limit-percentage': '1.0',
          ...(scope.cost !== undefined ? { 'x-ms-resource-unit': String(scope.cost) } : {}),
        }
      : {}),
  });
}
