import { mkdirSync } from 'node:fs';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, type DatabaseSettings } from './database.options';
import { InboxService } from './inbox/inbox.service';

/** The service's own database, migrated at start-up, plus the event inbox. Import once per app. */
@Module({})
export class DatabaseModule {
  static forRoot(settings: DatabaseSettings): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => {
            if (!settings.url) mkdirSync(settings.dataDir, { recursive: true });
            return { ...dataSourceOptions(settings), retryAttempts: 3, retryDelay: 1000 };
          },
        }),
      ],
      providers: [InboxService],
      exports: [InboxService],
    };
  }
}
