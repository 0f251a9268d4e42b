import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Events } from '@archive365/contracts';
import { EventPublisher } from '@archive365/messaging';
import { DataSource } from 'typeorm';
import { CREDENTIALS_CONFIG, type CredentialsConfig } from '../app/credentials.config';
import { Certificate } from '../credentials/certificate.entity';
import { Credential } from '../credentials/credential.entity';
import { Instance } from '../instances/instance.entity';
import { EXPIRY_NOTICE_DAYS, expiryNoticesDue, type ExpiryNoticeDays } from '../lifecycle';

/**
 * Sends `credential.expiring` at 60, 30 and 7 days before a certificate in use expires, once each.
 * Every replica checks; the event id (`credential.expiring:<certificate>:<days>`) lets JetStream drop
 * a second replica's copy, and the handled notices are recorded on the certificate.
 */
@Injectable()
export class ExpiryMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExpiryMonitor.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(CREDENTIALS_CONFIG) private readonly config: CredentialsConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
  ) {}

  onApplicationBootstrap(): void {
    const run = () =>
      void this.check().catch((error: unknown) => this.logger.error({ err: error }, 'Expiry check failed'));
    run();
    this.timer = setInterval(run, this.config.EXPIRY_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Sends the notices due at `now`; returns how many were sent. */
  async check(now: Date = new Date()): Promise<number> {
    const horizon = new Date(
      now.getTime() + (Math.max(...EXPIRY_NOTICE_DAYS) + 1) * 86_400_000,
    ).toISOString();
    const certificates = await this.dataSource
      .getRepository(Certificate)
      .createQueryBuilder('c')
      .select(['c.id', 'c.credentialId', 'c.thumbprintSha1', 'c.notAfter', 'c.expiryNotices'])
      .where('c.state = :state', { state: 'active' })
      .andWhere('c.not_after < :horizon', { horizon })
      .getMany();
    let sent = 0;
    for (const certificate of certificates) {
      if (await this.notify(certificate, now)) sent++;
    }
    return sent;
  }

  private async notify(certificate: Certificate, now: Date): Promise<boolean> {
    const handled = new Set(
      certificate.expiryNotices.split(',').filter(Boolean).map(Number) as ExpiryNoticeDays[],
    );
    const decision = expiryNoticesDue(new Date(certificate.notAfter), now, handled);
    if (decision.send === undefined && decision.skip.length === 0) return false;
    if (decision.send !== undefined) {
      const credential = await this.dataSource
        .getRepository(Credential)
        .findOneByOrFail({ id: certificate.credentialId });
      const instance = await this.dataSource
        .getRepository(Instance)
        .findOneByOrFail({ id: credential.instanceId });
      await this.events.publish(
        Events.CredentialExpiring,
        {
          credentialId: credential.id,
          instanceAlias: instance.alias,
          certificateId: certificate.id,
          thumbprintSha1: certificate.thumbprintSha1,
          notAfter: certificate.notAfter,
          daysLeft: decision.send,
        },
        { id: `credential.expiring:${certificate.id}:${decision.send}` },
      );
      this.logger.log(
        { credentialId: credential.id, daysLeft: decision.send },
        'Certificate expiry notice sent',
      );
    }
    const nowHandled = [
      ...handled,
      ...decision.skip,
      ...(decision.send !== undefined ? [decision.send] : []),
    ];
    await this.dataSource
      .getRepository(Certificate)
      .update(
        { id: certificate.id },
        { expiryNotices: [...new Set(nowHandled)].sort((a, b) => b - a).join(',') },
      );
    return decision.send !== undefined;
  }
}
