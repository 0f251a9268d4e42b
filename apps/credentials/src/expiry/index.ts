export { ExpiryModule } from './expiry.module';
export { ExpiryMonitor } from './expiry-monitor';
