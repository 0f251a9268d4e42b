import { Injectable } from '@nestjs/common';
import { Subjects, type ImportKeyReply } from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { ImportSealingService } from './import-sealing.service';

@Injectable()
export class ImportSealingHandler {
  constructor(private readonly sealing: ImportSealingService) {}

  @RpcHandler(Subjects.GetImportKey)
  importKey(): ImportKeyReply {
    return this.sealing.currentKey();
  }
}
