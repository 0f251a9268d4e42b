import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type CredentialRef,
  type CredentialView,
  type StartRotationRequest,
} from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { RotationService } from './rotation.service';

/** Rotation subjects: one call each into the rotation service. */
@Injectable()
export class RotationHandler {
  constructor(private readonly rotation: RotationService) {}

  @RpcHandler(Subjects.StartRotation)
  start(request: StartRotationRequest): Promise<CredentialView> {
    return this.rotation.start(request.credentialId, request.certificate);
  }

  @RpcHandler(Subjects.CompleteRotation)
  complete(request: CredentialRef): Promise<CredentialView> {
    return this.rotation.complete(request.credentialId);
  }

  @RpcHandler(Subjects.RetireCertificate)
  retire(request: CredentialRef): Promise<CredentialView> {
    return this.rotation.retire(request.credentialId);
  }

  @RpcHandler(Subjects.AbortRotation)
  abort(request: CredentialRef): Promise<CredentialView> {
    return this.rotation.abort(request.credentialId);
  }
}
