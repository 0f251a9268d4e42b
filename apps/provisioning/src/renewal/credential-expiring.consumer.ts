import { Inject, Injectable, Logger } from '@nestjs/common';
import { Events, type CredentialExpiringEvent, type EventEnvelope } from '@archive365/contracts';
import { EventHandler } from '@archive365/messaging';
import { PROVISIONING_CONFIG, type ProvisioningConfig } from '../app/provisioning.config';
import { ProvisioningError } from '../errors/provisioning.error';
import { CredentialsClient } from '../platform/credentials.client';
import { RenewalService } from './renewal.service';

/** The 60-day notice starts the renewal; 30 and 7 days are for people (the renewal failed or is off). */
const RENEW_AT_DAYS_LEFT = 60;

/**
 * Starts a renewal when a credential's certificate has 60 days left. Redeliveries are harmless: a
 * renewal already running is answered as it is, and a certificate that is no longer active was renewed.
 */
@Injectable()
export class CredentialExpiringConsumer {
  private readonly logger = new Logger(CredentialExpiringConsumer.name);

  constructor(
    @Inject(PROVISIONING_CONFIG) private readonly config: ProvisioningConfig,
    private readonly credentials: CredentialsClient,
    private readonly renewals: RenewalService,
  ) {}

  @EventHandler(Events.CredentialExpiring, { durable: 'provisioning_credential-expiring' })
  async onExpiring(event: EventEnvelope<CredentialExpiringEvent>): Promise<void> {
    const { credentialId, certificateId, daysLeft } = event.data;
    if (daysLeft !== RENEW_AT_DAYS_LEFT || !this.config.RENEWAL_AUTOMATIC) return;
    const credential = await this.credentials.credential(credentialId).catch((error: unknown) => {
      if (error instanceof ProvisioningError) return undefined;
      throw error;
    });
    if (!credential || credential.activeCertificate.id !== certificateId) return;
    try {
      const renewal = await this.renewals.start({ credentialId }, 'expiring');
      this.logger.log(
        { credentialId, renewalId: renewal.id, step: renewal.step },
        'Renewal started at 60 days',
      );
    } catch (error) {
      // No app registration known (set up by hand without its object id): nothing to renew here; the
      // 30- and 7-day notices still go out for people.
      if (!(error instanceof ProvisioningError)) throw error;
      this.logger.warn(
        { credentialId, reason: error.code },
        `Automatic renewal not possible: ${error.publicMessage}`,
      );
    }
  }
}
