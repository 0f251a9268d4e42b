import { CreateSyncProfiles1764300000200 } from './1764300000200-create-sync-profiles';
import { AddSyncProfileCredential1764300000400 } from './1764300000400-add-sync-profile-credential';

/** The directory-sync service's schema history, oldest first. */
export const directorySyncMigrations = [
  CreateSyncProfiles1764300000200,
  AddSyncProfileCredential1764300000400,
];
