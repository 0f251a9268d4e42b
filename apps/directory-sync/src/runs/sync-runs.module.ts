import { Module, type DynamicModule } from '@nestjs/common';
import { DIRECTORY_SYNC_CONFIG, type DirectorySyncConfig } from '../app/directory-sync.config';
import { ArchiveUsersModule } from '../archive-users/archive-users.module';
import { SqlModule } from '../database/sql.module';
import { GraphSessions } from '../graph/graph-sessions';
import { GroupSearchHandler } from '../groups/group-search.handler';
import { GroupSearchService } from '../groups/group-search.service';
import { FirstSyncRepository } from '../planning/first-sync.repository';
import { PlanApplyRepository } from '../planning/plan-apply.repository';
import { PlanStagingRepository } from '../planning/plan-staging.repository';
import { PlanRepository } from '../planning/plan.repository';
import { SyncProfilesModule } from '../sync-profiles/sync-profiles.module';
import { DirectoryRead } from './directory-read';
import { GroupStateRepository } from './group-state.repository';
import { RecreatedDecisionsRepository } from './recreated-decisions.repository';
import { RunChangesRepository } from './run-changes.repository';
import { RunLeaseRepository } from './run-lease.repository';
import { SyncMetrics } from './sync-metrics';
import { SyncRunner } from './sync-runner';
import { SyncRunsHandler } from './sync-runs.handler';
import { SyncRunsRepository } from './sync-runs.repository';
import { SyncRunsService } from './sync-runs.service';
import { SyncScheduler } from './sync-scheduler';

@Module({})
export class SyncRunsModule {
  static forRoot(config: DirectorySyncConfig): DynamicModule {
    return {
      module: SyncRunsModule,
      imports: [SqlModule, SyncProfilesModule, ArchiveUsersModule],
      providers: [
        { provide: DIRECTORY_SYNC_CONFIG, useValue: config },
        GraphSessions,
        PlanStagingRepository,
        PlanRepository,
        PlanApplyRepository,
        FirstSyncRepository,
        SyncRunsRepository,
        RunLeaseRepository,
        RunChangesRepository,
        RecreatedDecisionsRepository,
        GroupStateRepository,
        DirectoryRead,
        SyncMetrics,
        SyncRunner,
        SyncRunsService,
        SyncRunsHandler,
        SyncScheduler,
        // Group search shares the runs' Graph sessions (and their resource budget).
        GroupSearchService,
        GroupSearchHandler,
      ],
      exports: [SyncRunner],
    };
  }
}
