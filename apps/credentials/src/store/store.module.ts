import { Module } from '@nestjs/common';
import { CredentialsRepository } from './credentials.repository';
import { InstancesRepository } from './instances.repository';
import { KeyCanariesRepository } from './key-canaries.repository';

/** The service's tables, each behind its one repository. */
@Module({
  providers: [InstancesRepository, CredentialsRepository, KeyCanariesRepository],
  exports: [InstancesRepository, CredentialsRepository, KeyCanariesRepository],
})
export class StoreModule {}
