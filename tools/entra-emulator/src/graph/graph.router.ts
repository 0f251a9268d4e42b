import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from '../emulator.types';
import { requestOrigin } from '../shared/request-origin';
import type { FaultController } from '../faults/fault-controller';
import type { ResourceUnitThrottle } from '../faults/resource-unit-throttle';
import { withStepFaults } from './graph-step-faults';
import { runBatch } from './graph-batch';
import { dispatchGraphRequest } from './graph-dispatcher';
import { badRequest } from './graph-error';
import { graphErrorResponse } from './graph-error-response';
import { graphPathSegments } from './graph-path';
import { graphQuery } from './odata/query-string';
import type { GraphRequest, GraphResponse } from './graph-request';
import { GraphRouteTable } from './graph-route-table';
import { GRAPH_ROUTES } from './graph-routes';
import { isGuid } from './validation/body-checks';
import { metadataDocument } from './schema/metadata-document';

const JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

function toGraphRequest(req: Request): GraphRequest {
  const queryStart = req.url.indexOf('?');
  const path = queryStart >= 0 ? req.url.slice(0, queryStart) : req.url;
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  const clientRequestId = headers['client-request-id'];
  return {
    method: req.method,
    segments: graphPathSegments(path),
    query: graphQuery(queryStart >= 0 ? req.url.slice(queryStart + 1) : ''),
    headers,
    body: req.body,
    // Every URL in a reply is built from the request's Host, as Microsoft's endpoints do; a Host that
    // is not a plain host[:port] never reaches a nextLink or a Location header.
    serviceRoot: `${requestOrigin(req)}/v1.0`,
    requestId: randomUUID(),
    clientRequestId: clientRequestId && isGuid(clientRequestId) ? clientRequestId : randomUUID(),
  };
}

function send(
  res: Response,
  request: Pick<GraphRequest, 'requestId' | 'clientRequestId'>,
  response: GraphResponse,
): void {
  res.status(response.status);
  res.setHeader('request-id', request.requestId);
  res.setHeader('client-request-id', request.clientRequestId);
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  if (response.body === undefined) {
    res.end();
  } else if (typeof response.body === 'string') {
    if (!res.getHeader('content-type')) res.setHeader('content-type', 'text/plain;charset=utf-8');
    res.end(response.body);
  } else {
    res.setHeader('content-type', JSON_CONTENT_TYPE);
    res.end(JSON.stringify(response.body));
  }
}

/** Body that is not JSON: Graph's 400 with a hint instead of the parser's message. */
const unreadableBody: ErrorRequestHandler = (_error: unknown, _req, res, _next) => {
  const request = { requestId: randomUUID(), clientRequestId: randomUUID() };
  send(
    res,
    request,
    graphErrorResponse(
      badRequest(
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
        'BadRequest',
      ),
      request,
    ),
  );
};

export interface GraphRouterOptions {
  /** Graph's resource-unit throttling model; off unless configured. */
  throttle?: ResourceUnitThrottle;
  /** Fault rules to apply to each `$batch` step (whole requests are disturbed by the fault middleware). */
  faults?: FaultController;
}

/** Microsoft Graph v1.0, mounted at `/v1.0`. */
export function createGraphRouter(context: EmulatorContext, options: GraphRouterOptions = {}): Router {
  const routes = new GraphRouteTable(GRAPH_ROUTES);
  const dispatch = (request: GraphRequest): Promise<GraphResponse> =>
    dispatchGraphRequest(context, routes, request, options.throttle);
  const batchStepDispatch = options.faults
    ? withStepFaults(options.faults, context.store, dispatch)
    : dispatch;
  const router = express.Router();
  // The service document's schema needs no token at Graph either.
  const metadata = metadataDocument();
  router.get('/$metadata', (_req, res) => {
    res.status(200);
    res.setHeader('content-type', 'application/xml;charset=utf-8');
    res.setHeader('request-id', randomUUID());
    res.end(metadata);
  });
  router.use(express.json({ limit: '4mb' }));
  router.use(unreadableBody);
  router.use((req, res, next) => {
    let request: GraphRequest;
    try {
      request = toGraphRequest(req);
    } catch (error) {
      const ids = { requestId: randomUUID(), clientRequestId: randomUUID() };
      send(res, ids, graphErrorResponse(error, ids));
      return;
    }
    const isBatch = request.segments.length === 1 && request.segments[0] === '$batch';
    const work =
      isBatch && request.method === 'POST'
        ? batchWithAuth(context, request, batchStepDispatch)
        : dispatch(request);
    work.then((response) => send(res, request, response)).catch(next);
  });
  return router;
}

/** The batch itself needs a valid token; each step is then authorized on its own. */
async function batchWithAuth(
  context: EmulatorContext,
  request: GraphRequest,
  dispatch: (request: GraphRequest) => Promise<GraphResponse>,
): Promise<GraphResponse> {
  try {
    await context.verifyGraphBearer(request.headers['authorization']);
    return await runBatch(request, dispatch);
  } catch (error) {
    return graphErrorResponse(error, request);
  }
}
