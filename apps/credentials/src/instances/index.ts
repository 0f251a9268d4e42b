export { InstancesModule } from './instances.module';
export { InstancesService } from './instances.service';
