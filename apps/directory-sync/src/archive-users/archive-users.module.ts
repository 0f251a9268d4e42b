import { Module } from '@nestjs/common';
import { SqlModule } from '../database/sql.module';
import { SyncProfilesModule } from '../sync-profiles/sync-profiles.module';
import { ArchiveUsersHandler } from './archive-users.handler';
import { ArchiveUsersRepository } from './archive-users.repository';
import { ArchiveUsersService } from './archive-users.service';
import { SignInCheckService } from './sign-in-check.service';

@Module({
  imports: [SqlModule, SyncProfilesModule],
  providers: [ArchiveUsersRepository, ArchiveUsersService, SignInCheckService, ArchiveUsersHandler],
  exports: [ArchiveUsersRepository],
})
export class ArchiveUsersModule {}
