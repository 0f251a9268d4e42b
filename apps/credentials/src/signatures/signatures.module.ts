import { Module } from '@nestjs/common';
import { StoreModule } from '../store';
import { VaultModule } from '../vault';
import { SignaturesHandler } from './signatures.handler';
import { SignaturesService } from './signatures.service';

@Module({ imports: [StoreModule, VaultModule], providers: [SignaturesService, SignaturesHandler] })
export class SignaturesModule {}
