import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Instance } from './instance.entity';
import { InstancesHandler } from './instances.handler';
import { InstancesService } from './instances.service';

@Module({
  imports: [TypeOrmModule.forFeature([Instance])],
  providers: [InstancesService, InstancesHandler],
  exports: [InstancesService],
})
export class InstancesModule {}
