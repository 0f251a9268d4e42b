import { Module } from '@nestjs/common';
import { StoreModule } from '../store';
import { TokensModule } from '../tokens';
import { VaultModule } from '../vault';
import { RotationHandler } from './rotation.handler';
import { RotationService } from './rotation.service';

@Module({
  imports: [StoreModule, VaultModule, TokensModule],
  providers: [RotationService, RotationHandler],
})
export class RotationModule {}
