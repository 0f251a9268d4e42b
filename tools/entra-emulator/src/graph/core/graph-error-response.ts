import { GraphAuthError } from '../../issued-tokens/emulator-context';
import { DirectoryError } from '../../store/directory-error';
import { GraphError } from './graph-error';
import type { GraphRequest, GraphResponse } from './graph-request';

/** Graph's 401 carries this challenge (client_id is Microsoft Graph's appId). */
const BEARER_CHALLENGE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

function asGraphError(error: unknown): GraphError {
  if (error instanceof GraphError) return error;
  if (error instanceof GraphAuthError) {
    return new GraphError(401, 'InvalidAuthenticationToken', error.graphMessage, {
      'www-authenticate': BEARER_CHALLENGE,
    });
  }
  if (error instanceof DirectoryError) {
    switch (error.kind) {
      case 'badRequest':
        return new GraphError(400, 'Request_BadRequest', error.message);
      case 'notFound':
        return new GraphError(404, 'Request_ResourceNotFound', error.message);
      case 'conflict':
        return new GraphError(409, 'Request_MultipleObjectsWithSameKeyValue', error.message);
    }
  }
  // Unexpected: say nothing about internals (no stack, no request data).
  return new GraphError(
    500,
    'generalException',
    'An unexpected error occurred in the emulator while processing the request.',
  );
}

/** `{error: {code, message, innerError: {date, request-id, client-request-id}}}` as Graph answers. */
export function graphErrorResponse(
  error: unknown,
  request: Pick<GraphRequest, 'requestId' | 'clientRequestId'>,
): GraphResponse {
  const graphError = asGraphError(error);
  return {
    status: graphError.status,
    headers: graphError.headers,
    body: {
      error: {
        code: graphError.code,
        message: graphError.message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
          'request-id': request.requestId,
          'client-request-id': request.clientRequestId,
        },
      },
    },
  };
}
