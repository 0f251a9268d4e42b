import { PERMISSIONS } from '../core/graph-permissions';
import type { AuthorizedCall, GraphResponse } from '../core/graph-request';
import { route, type GraphRoute } from '../core/graph-route';
import { contextUrl } from '../odata/paging';
import { parseSelect, project } from '../odata/projection';

function organization({ request, tenant }: AuthorizedCall): GraphResponse {
  const select = parseSelect(request.query.get('$select'), 'organization');
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(request.serviceRoot, 'organization', select),
      value: [project('organization', tenant.organization, select)],
    },
  };
}

/** subscribedSku is an entity (not a directoryObject); its id is `{tenantId}_{skuId}`. */
function subscribedSkus({ request, tenant }: AuthorizedCall): GraphResponse {
  const select = parseSelect(request.query.get('$select'), 'subscribedSku');
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(request.serviceRoot, 'subscribedSkus', select),
      value: tenant.licenses.all().map((sku) => project('subscribedSku', sku, select)),
    },
  };
}

export const ORGANIZATION_ROUTES: GraphRoute[] = [
  route('GET', 'organization', PERMISSIONS.readOrganization, organization),
  route('GET', 'subscribedSkus', PERMISSIONS.readSubscribedSkus, subscribedSkus),
];
