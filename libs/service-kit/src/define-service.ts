import { Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { PLATFORM_VERSION, type ServiceName } from '@archive365/contracts';
import type { ServiceBaseConfig } from '@archive365/config';
import {
  CreateProcessedEvents1764300000000,
  ProcessedEvent,
  type DatabaseSettings,
} from '@archive365/database';
import type { ServiceDefinition } from './run-service';
import { ServiceKitModule } from './service-kit.module';

export interface ServiceShape<Config extends ServiceBaseConfig> {
  name: ServiceName;
  configClass: new () => Config;
  /** HTTP_PORT when the environment does not set it; each service has its own so they can share a host. */
  defaultHttpPort: number;
  /** The service's own entities (the event inbox is added). */
  entities: DatabaseSettings['entities'];
  /** The service's own migrations, oldest first (the inbox's comes first). */
  migrations: DatabaseSettings['migrations'];
  /** Feature modules, built from the validated configuration. */
  features: (config: Config) => (Type<unknown> | DynamicModule)[];
  configureHttp?: (app: INestApplication, config: Config) => void;
}

@Module({})
class ServiceRootModule {}

/** Everything a service is: its name, configuration, tables and features on top of the service kit. */
export function defineService<Config extends ServiceBaseConfig>(
  shape: ServiceShape<Config>,
): ServiceDefinition<Config> {
  return {
    name: shape.name,
    configClass: shape.configClass,
    defaultHttpPort: shape.defaultHttpPort,
    configureHttp: shape.configureHttp,
    createModule: (config) => ({
      module: ServiceRootModule,
      imports: [
        ServiceKitModule.forRoot({
          identity: { name: shape.name, version: PLATFORM_VERSION },
          config,
          database: {
            entities: [ProcessedEvent, ...toArray(shape.entities)],
            migrations: [CreateProcessedEvents1764300000000, ...toArray(shape.migrations)],
          },
        }),
        ...shape.features(config),
      ],
    }),
  };
}

function toArray<T>(list: T[] | Record<string, T>): T[] {
  return Array.isArray(list) ? list : Object.values(list);
}
