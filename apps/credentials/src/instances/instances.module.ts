import { Module } from '@nestjs/common';
import { StoreModule } from '../store';
import { InstancesHandler } from './instances.handler';
import { InstancesService } from './instances.service';

@Module({
  imports: [StoreModule],
  providers: [InstancesService, InstancesHandler],
  exports: [InstancesService],
})
export class InstancesModule {}
