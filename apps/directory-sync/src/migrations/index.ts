import { CreateSyncProfiles1764300000200 } from './1764300000200-create-sync-profiles';

/** The directory-sync service's schema history, oldest first. */
export const directorySyncMigrations = [CreateSyncProfiles1764300000200];
