import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type DoctorRunView,
  type LastDoctorRunReply,
  type LastDoctorRunRequest,
  type RunDoctorRequest,
} from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { DoctorService } from './doctor.service';

@Injectable()
export class DoctorHandler {
  constructor(private readonly doctor: DoctorService) {}

  @RpcHandler(Subjects.RunDoctor)
  run(request: RunDoctorRequest): Promise<DoctorRunView> {
    return this.doctor.run(request);
  }

  @RpcHandler(Subjects.LastDoctorRun)
  last(request: LastDoctorRunRequest): Promise<LastDoctorRunReply> {
    return this.doctor.last(request.instanceAlias);
  }
}
