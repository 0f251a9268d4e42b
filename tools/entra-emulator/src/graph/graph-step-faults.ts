import type { FaultController } from '../faults/fault-controller';
import { tenantOfBearer } from '../faults/fault-target';
import type { EmulatorStore } from '../store/store.types';
import { GraphError, tooManyRequests } from './graph-error';
import { graphErrorResponse } from './graph-error-response';
import type { GraphRequest, GraphResponse } from './graph-request';

const SERVER_ERROR_CODES: Record<number, string> = {
  500: 'generalException',
  502: 'badGateway',
  503: 'serviceNotAvailable',
  504: 'gatewayTimeout',
};

/**
 * Applies fault rules to each `$batch` step, as Graph throttles or fails steps one by one inside a
 * successful batch (the step's response carries the 429 and its Retry-After). Connection cuts only
 * apply to whole HTTP requests.
 */
export function withStepFaults(
  faults: FaultController,
  store: EmulatorStore,
  dispatch: (request: GraphRequest) => Promise<GraphResponse>,
): (request: GraphRequest) => Promise<GraphResponse> {
  return async (request) => {
    const named = tenantOfBearer(request.headers['authorization']);
    const tenantId = named ? (store.tenant(named)?.id ?? named.toLowerCase()) : undefined;
    const rule = faults.decide({ path: `/v1.0/${request.segments.join('/')}`, tenantId });
    switch (rule?.kind) {
      case 'throttle':
        return graphErrorResponse(tooManyRequests(rule.retryAfterSeconds ?? 1), request);
      case 'serverError': {
        const status = rule.status ?? 503;
        const error = new GraphError(
          status,
          SERVER_ERROR_CODES[status] ?? 'generalException',
          `The service is temporarily unavailable (HTTP ${status} injected by the emulator).`,
        );
        return graphErrorResponse(error, request);
      }
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, rule.delayMs ?? 0));
        return dispatch(request);
      case 'cutConnection':
      case undefined:
        return dispatch(request);
    }
  };
}
