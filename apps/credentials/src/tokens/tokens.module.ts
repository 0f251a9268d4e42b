import { Module } from '@nestjs/common';
import { StoreModule } from '../store';
import { VaultModule } from '../vault';
import { TokenProvider } from './token-provider';
import { TokensHandler } from './tokens.handler';
import { TokensService } from './tokens.service';

@Module({
  imports: [StoreModule, VaultModule],
  providers: [TokenProvider, TokensService, TokensHandler],
  exports: [TokensService],
})
export class TokensModule {}
