import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type AssignSyncCredentialRequest,
  type CredentialUsageReply,
  type CredentialUsageRequest,
  type GetSyncConfigurationRequest,
  type SyncConfigurationView,
  type SyncProfileView,
  type UpdateSyncConfigurationRequest,
} from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { SyncProfilesService } from './sync-profiles.service';

@Injectable()
export class SyncProfilesHandler {
  constructor(private readonly profiles: SyncProfilesService) {}

  @RpcHandler(Subjects.AssignSyncCredential)
  assignCredential(request: AssignSyncCredentialRequest): Promise<SyncProfileView> {
    return this.profiles.assignCredential(request);
  }

  @RpcHandler(Subjects.DirectorySyncCredentialUsage)
  credentialUsage(request: CredentialUsageRequest): Promise<CredentialUsageReply> {
    return this.profiles.usageOf(request.credentialId);
  }

  @RpcHandler(Subjects.GetSyncConfiguration)
  configuration(request: GetSyncConfigurationRequest): Promise<SyncConfigurationView> {
    return this.profiles.configuration(request.instanceAlias);
  }

  @RpcHandler(Subjects.UpdateSyncConfiguration)
  updateConfiguration(request: UpdateSyncConfigurationRequest): Promise<SyncConfigurationView> {
    return this.profiles.updateConfiguration(request);
  }
}
