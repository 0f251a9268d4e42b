import { CreateSyncProfiles1764300000200 } from './1764300000200-create-sync-profiles';
import { AddSyncProfileCredential1764300000400 } from './1764300000400-add-sync-profile-credential';
import { CreateArchiveUsersAndRuns1764300001500 } from './1764300001500-create-archive-users-and-runs';
import { SyncProfileConsentTenant1764300001600 } from './1764300001600-sync-profile-consent-tenant';
import { CreateSyncGroupState1764300001700 } from './1764300001700-create-sync-group-state';
import { PlanKeysByteOrder1764300001800 } from './1764300001800-plan-keys-byte-order';
import { ArchiveUsersRoomToUpdate1764300001900 } from './1764300001900-archive-users-room-to-update';
import { DropLowYieldIndexes1764300002000 } from './1764300002000-drop-low-yield-indexes';

/** The directory-sync service's schema history, oldest first. */
export const directorySyncMigrations = [
  CreateSyncProfiles1764300000200,
  AddSyncProfileCredential1764300000400,
  CreateArchiveUsersAndRuns1764300001500,
  SyncProfileConsentTenant1764300001600,
  CreateSyncGroupState1764300001700,
  PlanKeysByteOrder1764300001800,
  ArchiveUsersRoomToUpdate1764300001900,
  DropLowYieldIndexes1764300002000,
];
