import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { ServiceBaseConfig } from '@archive365/config';
import { DatabaseModule, type DatabaseSettings } from '@archive365/database';
import { MessagingModule } from '@archive365/messaging';
import { DependencyChecks } from './health/dependency-checks';
import { HealthController } from './health/health.controller';
import { structuredLogging } from './logging/logger.module';
import { MetricsModule } from './metrics/metrics.module';
import { SERVICE_IDENTITY, type ServiceIdentity } from './service-identity';
import { statusHandlerFor } from './status/status-handler';

export interface ServiceKitOptions {
  identity: ServiceIdentity;
  config: ServiceBaseConfig;
  database: Pick<DatabaseSettings, 'entities' | 'migrations'>;
}

/**
 * What every service has: structured logs, its NATS connection, its own database, health probes,
 * Prometheus metrics and a status subject. An app module imports this once and adds its own features.
 */
@Module({})
export class ServiceKitModule {
  static forRoot({ identity, config, database }: ServiceKitOptions): DynamicModule {
    return {
      module: ServiceKitModule,
      imports: [
        structuredLogging(identity.name, config.LOG_LEVEL),
        MessagingModule.forRoot({
          servers: config.NATS_URL.split(','),
          namespace: config.NATS_NAMESPACE,
          serviceName: identity.name,
          streamReplicas: config.NATS_STREAM_REPLICAS,
          security: {
            nkeySeedFile: config.NATS_NKEY_SEED_FILE,
            credsFile: config.NATS_CREDS_FILE,
            tlsCaFile: config.NATS_TLS_CA_FILE,
            tlsCertFile: config.NATS_TLS_CERT_FILE,
            tlsKeyFile: config.NATS_TLS_KEY_FILE,
          },
        }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          dataDir: config.DATA_DIR,
          serviceName: identity.name,
          ...database,
        }),
        TerminusModule.forRoot({ logger: false }),
        MetricsModule.forRoot(identity.name),
      ],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_IDENTITY, useValue: identity },
        DependencyChecks,
        statusHandlerFor(identity),
      ],
      exports: [SERVICE_IDENTITY, DependencyChecks],
    };
  }
}
