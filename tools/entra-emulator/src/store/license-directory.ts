import type * as Graph from '@microsoft/microsoft-graph-types';
import type { FixtureUser } from '../fixture/fixture.types';
import { DirectoryError } from './directory-error';
import { serviceOfPlan } from '../shared/sku-catalog';

/**
 * The tenant's subscriptions and license assignment, with `consumedUnits` kept equal to the number of
 * live users holding each SKU, and `assignedPlans` maintained the way Entra ID does (a removed license
 * leaves its plans behind with capabilityStatus "Deleted").
 */
export class LicenseDirectory {
  private readonly skus = new Map<string, Graph.SubscribedSku>();

  constructor(tenantId: string, subscribedSkus: Graph.SubscribedSku[], users: readonly FixtureUser[]) {
    for (const sku of subscribedSkus) {
      if (!sku.skuId) continue;
      const skuId = sku.skuId.toLowerCase();
      // A subscribedSku's id is `{tenantId}_{skuId}` and its accountId the tenant, whatever a fixture says
      // (https://learn.microsoft.com/graph/api/resources/subscribedsku).
      this.skus.set(skuId, {
        ...sku,
        id: `${tenantId}_${skuId}`,
        accountId: tenantId,
        skuId,
        consumedUnits: 0,
      });
    }
    for (const user of users) this.countUser(user, 1);
  }

  all(): Graph.SubscribedSku[] {
    return [...this.skus.values()];
  }

  /** `POST /users/{id}/assignLicense` semantics. Validates everything before changing anything. */
  assign(user: FixtureUser, addSkuIds: string[], removeSkuIds: string[], now: string): void {
    const adding = this.assertAssignable(user, addSkuIds, removeSkuIds);
    this.countUser(user, -1);
    const removing = new Set(removeSkuIds.map((id) => id.toLowerCase()));
    const licenses = (user.assignedLicenses ?? []).filter(
      (license) => !removing.has(license.skuId?.toLowerCase() ?? ''),
    );
    for (const skuId of adding) licenses.push({ skuId, disabledPlans: [] });
    user.assignedLicenses = licenses;
    user.assignedPlans = this.plansAfterChange(user.assignedPlans ?? [], adding, [...removing], now);
    this.countUser(user, 1);
  }

  /** Throws what Entra ID would answer if the change cannot be made; returns the SKUs to add. */
  assertAssignable(user: FixtureUser, addSkuIds: string[], removeSkuIds: string[]): string[] {
    const held = new Set((user.assignedLicenses ?? []).map((license) => license.skuId?.toLowerCase()));
    for (const skuId of [...addSkuIds, ...removeSkuIds]) {
      if (!this.skus.has(skuId.toLowerCase())) {
        throw new DirectoryError(
          'badRequest',
          `License ${skuId} does not correspond to a valid company License.`,
        );
      }
    }
    for (const skuId of removeSkuIds) {
      if (!held.has(skuId.toLowerCase())) {
        throw new DirectoryError('badRequest', `User does not have a corresponding license ${skuId}.`);
      }
    }
    const adding = addSkuIds.map((id) => id.toLowerCase()).filter((id) => !held.has(id));
    if (adding.length > 0 && !user.usageLocation) {
      throw new DirectoryError(
        'badRequest',
        'License assignment cannot be done for user with invalid usage location.',
      );
    }
    for (const skuId of adding) {
      const sku = this.skus.get(skuId);
      const available = sku?.prepaidUnits?.enabled ?? 0;
      if (sku && (sku.consumedUnits ?? 0) >= available) {
        throw new DirectoryError(
          'badRequest',
          `Subscription ${sku.skuPartNumber ?? skuId} does not have any licenses available.`,
        );
      }
    }
    return adding;
  }

  /** A user leaving or returning frees or takes back their licenses. */
  countUser(user: FixtureUser, delta: 1 | -1): void {
    for (const license of user.assignedLicenses ?? []) {
      const sku = license.skuId ? this.skus.get(license.skuId.toLowerCase()) : undefined;
      if (sku) sku.consumedUnits = (sku.consumedUnits ?? 0) + delta;
    }
  }

  private plansAfterChange(
    plans: Graph.AssignedPlan[],
    adding: string[],
    removing: string[],
    now: string,
  ): Graph.AssignedPlan[] {
    const result = plans.map((plan) => ({ ...plan }));
    for (const skuId of removing) {
      const planIds = new Set((this.skus.get(skuId)?.servicePlans ?? []).map((plan) => plan.servicePlanId));
      for (const plan of result) if (planIds.has(plan.servicePlanId)) plan.capabilityStatus = 'Deleted';
    }
    for (const skuId of adding) {
      for (const plan of this.skus.get(skuId)?.servicePlans ?? []) {
        if (!plan.servicePlanId || plan.appliesTo === 'Company') continue;
        const existing = result.find((assigned) => assigned.servicePlanId === plan.servicePlanId);
        const assigned = {
          assignedDateTime: now,
          capabilityStatus: 'Enabled',
          service: serviceOfPlan(plan.servicePlanId, plan.servicePlanName),
          servicePlanId: plan.servicePlanId,
        };
        if (existing) Object.assign(existing, assigned);
        else result.push(assigned);
      }
    }
    return result;
  }
}
