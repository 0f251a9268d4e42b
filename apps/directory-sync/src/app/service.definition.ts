import { defineService } from '@archive365/service-kit';
import { ArchiveUsersModule } from '../archive-users/archive-users.module';
import { directorySyncMigrations } from '../migrations';
import { SyncProfile } from '../sync-profiles/sync-profile.entity';
import { SyncRunsModule } from '../runs/sync-runs.module';
import { SyncProfilesModule } from '../sync-profiles/sync-profiles.module';
import { DirectorySyncConfig } from './directory-sync.config';

export const directorySyncService = defineService({
  name: 'directory-sync',
  configClass: DirectorySyncConfig,
  defaultHttpPort: 3103,
  entities: [SyncProfile],
  migrations: directorySyncMigrations,
  features: (config) => [SyncProfilesModule, ArchiveUsersModule, SyncRunsModule.forRoot(config)],
});
