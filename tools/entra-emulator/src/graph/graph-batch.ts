import { randomUUID } from 'node:crypto';
import { badRequest, GraphError } from './core/graph-error';
import { graphErrorResponse } from './core/graph-error-response';
import { graphPathSegments } from './graph-path';
import { graphQuery } from './odata/query-string';
import type { GraphRequest, GraphResponse } from './core/graph-request';
import { isGuid } from './validation/body-checks';

/** JSON batching accepts at most 20 requests (https://learn.microsoft.com/graph/json-batching). */
export const MAX_BATCH_REQUESTS = 20;
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

interface BatchStep {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

function readSteps(body: unknown): BatchStep[] {
  const requests =
    typeof body === 'object' && body !== null ? (body as { requests?: unknown }).requests : undefined;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw badRequest('The batch body must be {"requests": [...]} with at least one request.', 'BadRequest');
  }
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw badRequest(
      `A JSON batch holds at most ${MAX_BATCH_REQUESTS} requests; this one has ${requests.length}. Split it into several batches.`,
      'BadRequest',
    );
  }
  const steps = requests.map((entry: unknown, index): BatchStep => {
    const step = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const where = `requests[${index}]`;
    if (typeof step['id'] !== 'string' || !step['id'])
      throw badRequest(`${where}.id is required and must be a non-empty string.`, 'BadRequest');
    if (typeof step['method'] !== 'string' || !METHODS.includes(step['method'].toUpperCase())) {
      throw badRequest(`${where}.method must be one of ${METHODS.join(', ')}.`, 'BadRequest');
    }
    if (typeof step['url'] !== 'string' || /^[a-z]+:\/\//i.test(step['url'])) {
      throw badRequest(
        `${where}.url must be a URL relative to the version, e.g. "/users?$top=5".`,
        'BadRequest',
      );
    }
    const headers = (step['headers'] ?? {}) as Record<string, string>;
    if (typeof headers !== 'object' || Array.isArray(headers))
      throw badRequest(`${where}.headers must be an object.`, 'BadRequest');
    const lowerHeaders = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
    );
    if (step['body'] !== undefined && !lowerHeaders['content-type']) {
      throw badRequest(
        `${where} has a body but no Content-Type header; add "headers": {"Content-Type": "application/json"}.`,
        'BadRequest',
      );
    }
    const dependsOn = step['dependsOn'] ?? [];
    if (!Array.isArray(dependsOn) || dependsOn.some((id) => typeof id !== 'string'))
      throw badRequest(`${where}.dependsOn must be an array of request ids.`, 'BadRequest');
    return {
      id: step['id'],
      method: step['method'].toUpperCase(),
      url: step['url'],
      headers: lowerHeaders,
      body: step['body'],
      dependsOn: dependsOn as string[],
    };
  });
  const ids = new Set<string>();
  for (const step of steps) {
    if (ids.has(step.id))
      throw badRequest(`Request id '${step.id}' appears more than once in the batch.`, 'BadRequest');
    ids.add(step.id);
  }
  for (const step of steps) {
    for (const dependency of step.dependsOn) {
      if (!ids.has(dependency) || dependency === step.id)
        throw badRequest(
          `Request '${step.id}' depends on '${dependency}', which is not another request of this batch.`,
          'BadRequest',
        );
    }
  }
  return steps;
}

/** Dependencies first; a cycle is a bad request. */
function executionOrder(steps: BatchStep[]): BatchStep[] {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const ordered: BatchStep[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (step: BatchStep): void => {
    if (state.get(step.id) === 'done') return;
    if (state.get(step.id) === 'visiting')
      throw badRequest(`The dependsOn chain of request '${step.id}' is circular.`, 'BadRequest');
    state.set(step.id, 'visiting');
    for (const dependency of step.dependsOn) visit(byId.get(dependency) as BatchStep);
    state.set(step.id, 'done');
    ordered.push(step);
  };
  steps.forEach(visit);
  return ordered;
}

function stepRequest(outer: GraphRequest, step: BatchStep): GraphRequest {
  const relative = step.url.replace(/^\//, '');
  const queryStart = relative.indexOf('?');
  const path = queryStart >= 0 ? relative.slice(0, queryStart) : relative;
  return {
    method: step.method,
    segments: graphPathSegments(path),
    query: graphQuery(queryStart >= 0 ? relative.slice(queryStart + 1) : ''),
    // Steps inherit the batch's authorization; their own headers come on top.
    headers: { authorization: outer.headers['authorization'], ...step.headers },
    body: step.body,
    serviceRoot: outer.serviceRoot,
    requestId: randomUUID(),
    clientRequestId: isGuid(step.headers['client-request-id'])
      ? step.headers['client-request-id']
      : randomUUID(),
  };
}

/**
 * `POST /$batch`: runs each step through the same dispatcher as a top-level request. A step whose
 * dependency failed is answered 424 Failed Dependency, as Graph does.
 */
export async function runBatch(
  outer: GraphRequest,
  dispatch: (request: GraphRequest) => Promise<GraphResponse>,
): Promise<GraphResponse> {
  const steps = executionOrder(readSteps(outer.body));
  const results = new Map<string, GraphResponse>();
  const responses: unknown[] = [];
  for (const step of steps) {
    const failedDependency = step.dependsOn.find(
      (dependency) => (results.get(dependency)?.status ?? 500) >= 400,
    );
    let response: GraphResponse;
    if (failedDependency) {
      response = graphErrorResponse(
        new GraphError(
          424,
          'FailedDependency',
          `Request '${failedDependency}' that this request depends on failed.`,
        ),
        outer,
      );
    } else {
      try {
        response = await dispatch(stepRequest(outer, step));
      } catch (error) {
        response = graphErrorResponse(error, outer);
      }
    }
    results.set(step.id, response);
    responses.push({
      id: step.id,
      status: response.status,
      headers: { 'content-type': 'application/json', ...(response.headers ?? {}) },
      body: response.body,
    });
  }
  return { status: 200, body: { responses } };
}
