import { Injectable } from '@nestjs/common';
import { Subjects, type SearchGroupsReply, type SearchGroupsRequest } from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { GroupSearchService } from './group-search.service';

@Injectable()
export class GroupSearchHandler {
  constructor(private readonly groups: GroupSearchService) {}

  @RpcHandler(Subjects.SearchGroups)
  search(request: SearchGroupsRequest): Promise<SearchGroupsReply> {
    return this.groups.search(request);
  }
}
