import { randomBytes } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import type { AdminConsentRequest } from './admin-consent-request';

/** How long a consent in progress (sign-in and decision) stays usable. */
const CONSENT_FLOW_LIFETIME_MS = 15 * 60 * 1000;

/** Admin consents in progress, by an opaque flow id carried in the pages' forms. */
export class PendingConsents {
  private readonly flows = new Map<string, { request: AdminConsentRequest; expiresAt: number }>();

  constructor(private readonly clock: Clock) {}

  add(request: AdminConsentRequest): string {
    const now = this.clock.now();
    for (const [id, flow] of this.flows) if (flow.expiresAt <= now) this.flows.delete(id);
    const id = randomBytes(32).toString('base64url');
    this.flows.set(id, { request, expiresAt: now + CONSENT_FLOW_LIFETIME_MS });
    return id;
  }

  get(id: string): AdminConsentRequest | undefined {
    const flow = this.flows.get(id);
    return flow && flow.expiresAt > this.clock.now() ? flow.request : undefined;
  }

  remove(id: string): void {
    this.flows.delete(id);
  }
}
