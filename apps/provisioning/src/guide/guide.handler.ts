import { Injectable } from '@nestjs/common';
import { Subjects, type GuideRequest, type GuideView } from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { GuideService } from './guide.service';

@Injectable()
export class GuideHandler {
  constructor(private readonly guides: GuideService) {}

  @RpcHandler(Subjects.Guide)
  guide(request: GuideRequest): Promise<GuideView> {
    return this.guides.guide(request);
  }
}
