import { Injectable } from '@nestjs/common';
import { Subjects, type RenewalRef, type RenewalView, type StartRenewalRequest } from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { RenewalService } from './renewal.service';

@Injectable()
export class RenewalsHandler {
  constructor(private readonly renewals: RenewalService) {}

  @RpcHandler(Subjects.StartRenewal)
  start(request: StartRenewalRequest): Promise<RenewalView> {
    return this.renewals.start(request);
  }

  @RpcHandler(Subjects.GetRenewal)
  get(request: RenewalRef): Promise<RenewalView> {
    return this.renewals.view(request.credentialId);
  }
}
