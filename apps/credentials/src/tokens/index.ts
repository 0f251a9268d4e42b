export { TokensModule } from './tokens.module';
export { TokensService } from './tokens.service';
export { agentTrusting, throughAgent } from './trust-ca';
