import { Module } from '@nestjs/common';
import { StoreModule } from '../store';
import { ExpiryMonitor } from './expiry-monitor';

@Module({ imports: [StoreModule], providers: [ExpiryMonitor], exports: [ExpiryMonitor] })
export class ExpiryModule {}
