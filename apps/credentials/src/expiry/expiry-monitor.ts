import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Events } from '@archive365/contracts';
import { EventPublisher, loggableError } from '@archive365/messaging';
import { CREDENTIALS_CONFIG, type CredentialsConfig } from '../config';
import { EXPIRY_NOTICE_DAYS, expiryNoticesDue, type ExpiryNoticeDays } from '../lifecycle';
import { CredentialsRepository } from '../store';

type ExpiringCertificate = Awaited<
  ReturnType<CredentialsRepository['activeCertificatesExpiringBefore']>
>[number];

/**
 * Sends `credential.expiring` at 60, 30 and 7 days before a certificate in use expires, once each.
 * Every replica checks; the event id (`credential.expiring:<certificate>:<days>`) lets JetStream drop
 * a second replica's copy, and the handled notices are recorded on the certificate.
 */
@Injectable()
export class ExpiryMonitor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ExpiryMonitor.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(CREDENTIALS_CONFIG) private readonly config: CredentialsConfig,
    private readonly credentials: CredentialsRepository,
    private readonly events: EventPublisher,
  ) {}

  onApplicationBootstrap(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.config.EXPIRY_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  /** Runs a check unless one is under way (then answers that one); failures are logged, not thrown. */
  tick(): Promise<unknown> {
    this.running ??= this.check()
      .catch((error: unknown) => this.logger.error({ err: loggableError(error) }, 'Expiry check failed'))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * Before any module shuts down (the database and NATS close in `onApplicationShutdown`): no new
   * check starts, and the one under way finishes while its connections are still open.
   */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Sends the notices due at `now`; returns how many were sent. */
  async check(now: Date = new Date()): Promise<number> {
    const horizon = new Date(now.getTime() + (Math.max(...EXPIRY_NOTICE_DAYS) + 1) * 86_400_000);
    let sent = 0;
    for (const certificate of await this.credentials.activeCertificatesExpiringBefore(horizon)) {
      if (await this.notify(certificate, now)) sent++;
    }
    return sent;
  }

  private async notify(certificate: ExpiringCertificate, now: Date): Promise<boolean> {
    const handled = new Set(
      certificate.expiryNotices.split(',').filter(Boolean).map(Number) as ExpiryNoticeDays[],
    );
    const decision = expiryNoticesDue(new Date(certificate.notAfter), now, handled);
    if (decision.send === undefined && decision.skip.length === 0) return false;
    if (decision.send !== undefined) {
      const instanceAlias = await this.credentials.instanceAliasOf(certificate.credentialId);
      await this.events.publish(
        Events.CredentialExpiring,
        {
          credentialId: certificate.credentialId,
          ...(instanceAlias !== null ? { instanceAlias } : {}),
          certificateId: certificate.id,
          thumbprintSha1: certificate.thumbprintSha1,
          notAfter: certificate.notAfter,
          daysLeft: decision.send,
        },
        { id: `credential.expiring:${certificate.id}:${decision.send}` },
      );
      this.logger.log(
        { credentialId: certificate.credentialId, daysLeft: decision.send },
        'Certificate expiry notice sent',
      );
    }
    await this.credentials.recordExpiryNotices(certificate.id, [
      ...handled,
      ...decision.skip,
      ...(decision.send !== undefined ? [decision.send] : []),
    ]);
    return decision.send !== undefined;
  }
}
