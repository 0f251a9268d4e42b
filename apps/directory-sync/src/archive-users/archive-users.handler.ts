import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type ArchiveUsersPage,
  type ArchiveUserView,
  type CheckSignInReply,
  type CheckSignInRequest,
  type FindArchiveUserByAddressRequest,
  type ListArchiveUsersRequest,
} from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { ArchiveUsersService } from './archive-users.service';
import { SignInCheckService } from './sign-in-check.service';

@Injectable()
export class ArchiveUsersHandler {
  constructor(
    private readonly signIn: SignInCheckService,
    private readonly archiveUsers: ArchiveUsersService,
  ) {}

  @RpcHandler(Subjects.CheckSignIn)
  checkSignIn(request: CheckSignInRequest): Promise<CheckSignInReply> {
    return this.signIn.check(request);
  }

  @RpcHandler(Subjects.ListArchiveUsers)
  list(request: ListArchiveUsersRequest): Promise<ArchiveUsersPage> {
    return this.archiveUsers.list(request);
  }

  @RpcHandler(Subjects.FindArchiveUserByAddress)
  byAddress(request: FindArchiveUserByAddressRequest): Promise<ArchiveUserView | null> {
    return this.archiveUsers.byAddress(request);
  }
}
