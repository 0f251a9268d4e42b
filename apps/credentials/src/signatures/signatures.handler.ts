import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type SignClientAssertionRequest,
  type SignProofOfPossessionRequest,
  type SignedJwtReply,
} from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { SignaturesService } from './signatures.service';

/** Signature subjects: one call each into the signatures service. */
@Injectable()
export class SignaturesHandler {
  constructor(private readonly signatures: SignaturesService) {}

  @RpcHandler(Subjects.SignClientAssertion)
  clientAssertion(request: SignClientAssertionRequest): Promise<SignedJwtReply> {
    return this.signatures.clientAssertion(request);
  }

  @RpcHandler(Subjects.SignProofOfPossession)
  proofOfPossession(request: SignProofOfPossessionRequest): Promise<SignedJwtReply> {
    return this.signatures.proofOfPossession(request);
  }
}
