import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstanceCreatedConsumer } from './instance-created.consumer';
import { SyncProfile } from './sync-profile.entity';
import { SyncProfilesHandler } from './sync-profiles.handler';
import { SyncProfilesRepository } from './sync-profiles.repository';
import { SyncProfilesService } from './sync-profiles.service';

@Module({
  imports: [TypeOrmModule.forFeature([SyncProfile])],
  providers: [InstanceCreatedConsumer, SyncProfilesRepository, SyncProfilesService, SyncProfilesHandler],
  exports: [SyncProfilesRepository],
})
export class SyncProfilesModule {}
