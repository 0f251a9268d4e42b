import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstanceCreatedConsumer } from './instance-created.consumer';
import { SyncProfile } from './sync-profile.entity';

@Module({
  imports: [TypeOrmModule.forFeature([SyncProfile])],
  providers: [InstanceCreatedConsumer],
})
export class SyncProfilesModule {}
