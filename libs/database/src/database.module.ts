import { mkdirSync } from 'node:fs';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type DatabaseSettings } from './database.options';
import { DatabaseHealth } from './database-health';
import { guardPoolErrors } from './guard-pool-errors';
import { InboxService } from './inbox/inbox.service';
import { runMigrationsExclusively } from './run-migrations';

/** The service's own database, migrated at start-up (one replica at a time), plus the event inbox. Import once per app. */
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
          // Migrations run before any provider can touch a table.
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('no database options');
            const dataSource = await new DataSource(options).initialize();
            guardPoolErrors(dataSource);
            await runMigrationsExclusively(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [InboxService, DatabaseHealth],
      exports: [InboxService, DatabaseHealth],
    };
  }
}
