/**
 * A few real Microsoft 365 products (SKU ids and service plan ids from Microsoft's "Product names and
 * service plan identifiers for licensing" list). `service` is the value Graph puts in a user's
 * `assignedPlans[].service`: "exchange" marks a mailbox-bearing plan.
 */
export interface CatalogServicePlan {
  servicePlanId: string;
  servicePlanName: string;
  service: string;
}

export interface CatalogSku {
  skuId: string;
  skuPartNumber: string;
  servicePlans: CatalogServicePlan[];
}

const EXCHANGE_ENTERPRISE: CatalogServicePlan = {
  servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
  servicePlanName: 'EXCHANGE_S_ENTERPRISE',
  service: 'exchange',
};
const EXCHANGE_STANDARD: CatalogServicePlan = {
  servicePlanId: '9aaf7827-d63c-4b61-89c3-182f06f82e5c',
  servicePlanName: 'EXCHANGE_S_STANDARD',
  service: 'exchange',
};
const SHAREPOINT_ENTERPRISE: CatalogServicePlan = {
  servicePlanId: '5dbe027f-2339-4123-9542-606e4d348a72',
  servicePlanName: 'SHAREPOINTENTERPRISE',
  service: 'SharePoint',
};
const TEAMS: CatalogServicePlan = {
  servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929',
  servicePlanName: 'TEAMS1',
  service: 'TeamspaceAPI',
};
const POWER_BI_STANDARD: CatalogServicePlan = {
  servicePlanId: '2049e525-b859-401b-b2a0-e0a31c4b1fe4',
  servicePlanName: 'BI_AZURE_P0',
  service: 'PowerBI',
};

export const SKU_CATALOG = {
  officeE3: {
    skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900',
    skuPartNumber: 'ENTERPRISEPACK',
    servicePlans: [EXCHANGE_ENTERPRISE, SHAREPOINT_ENTERPRISE, TEAMS],
  },
  exchangeOnlinePlan1: {
    skuId: '4b9405b0-7788-4568-add1-99614e613b69',
    skuPartNumber: 'EXCHANGESTANDARD',
    servicePlans: [EXCHANGE_STANDARD],
  },
  powerBiFree: {
    skuId: 'a403ebcc-fae0-4ca2-8c8c-7a907fd6c235',
    skuPartNumber: 'POWER_BI_STANDARD',
    servicePlans: [POWER_BI_STANDARD],
  },
} satisfies Record<string, CatalogSku>;

const SERVICE_BY_PLAN = new Map<string, string>(
  Object.values(SKU_CATALOG).flatMap((sku) =>
    sku.servicePlans.map((plan) => [plan.servicePlanId, plan.service] as const),
  ),
);

/** The `assignedPlans[].service` value of a service plan; unknown plans are named after themselves. */
export function serviceOfPlan(servicePlanId: string, servicePlanName: string | null | undefined): string {
  return SERVICE_BY_PLAN.get(servicePlanId) ?? servicePlanName ?? servicePlanId;
}
