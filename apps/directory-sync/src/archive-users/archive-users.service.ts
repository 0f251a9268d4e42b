import { Injectable } from '@nestjs/common';
import type {
  ArchiveUsersPage,
  ArchiveUserView,
  FindArchiveUserByAddressRequest,
  ListArchiveUsersRequest,
} from '@archive365/contracts';
import { SyncProfilesRepository } from '../sync-profiles/sync-profiles.repository';
import { ArchiveUsersRepository } from './archive-users.repository';

@Injectable()
export class ArchiveUsersService {
  constructor(
    private readonly profiles: SyncProfilesRepository,
    private readonly archiveUsers: ArchiveUsersRepository,
  ) {}

  async list(request: ListArchiveUsersRequest): Promise<ArchiveUsersPage> {
    const profile = await this.profiles.existingByAlias(request.instanceAlias);
    const offset = request.offset ?? 0;
    const page = await this.archiveUsers.page(profile.instanceId, profile.alias, {
      state: request.state,
      search: request.search,
      offset,
      limit: request.limit ?? 100,
    });
    return { ...page, offset };
  }

  async byAddress(request: FindArchiveUserByAddressRequest): Promise<ArchiveUserView | null> {
    const profile = await this.profiles.existingByAlias(request.instanceAlias);
    return this.archiveUsers.ownerOfAddress(profile.instanceId, profile.alias, request.address);
  }
}
