import { Module, type DynamicModule } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AddinController } from '../addin/addin.controller';
import { DialogResult } from '../addin/dialog-result.entity';
import { DialogResultService } from '../addin/dialog-result.service';
import { DialogResultsRepository } from '../addin/dialog-results.repository';
import { NaaExchangeService } from '../addin/naa-exchange.service';
import { JwksController } from '../http/jwks.controller';
import { FixedWindowRateLimitStorage } from '../http/rate-limit-storage';
import { SignInController } from '../http/sign-in.controller';
import { InstanceResolver } from '../instances/instance-resolver';
import { SignInSettings } from '../instances/sign-in-settings.entity';
import { SignInSettingsHandler } from '../instances/sign-in-settings.handler';
import { SignInSettingsRepository } from '../instances/sign-in-settings.repository';
import { SignInSettingsService } from '../instances/sign-in-settings.service';
import { BrowserSessionsService } from '../sessions/browser-sessions.service';
import { SessionKeysService } from '../sessions/session-keys.service';
import { SessionPublicKey } from '../sessions/session-public-key.entity';
import { SessionPublicKeysRepository } from '../sessions/session-public-keys.repository';
import { SessionTokensService } from '../sessions/session-tokens.service';
import { SpentToken } from '../sessions/spent-token.entity';
import { SpentTokensRepository } from '../sessions/spent-tokens.repository';
import { SignInAttempt } from '../sign-in/sign-in-attempt.entity';
import { SignInAttemptsRepository } from '../sign-in/sign-in-attempts.repository';
import { SignInAuthorization } from '../sign-in/sign-in-authorization';
import { SignInMetrics } from '../sign-in/sign-in-metrics';
import { SignInService } from '../sign-in/sign-in.service';
import { AUTH_GATEWAY_CONFIG, type AuthGatewayConfig } from './auth-gateway.config';
import { ExpiredRowsPurge } from './maintenance';

export const AUTH_GATEWAY_ENTITIES = [
  SignInSettings,
  SignInAttempt,
  SpentToken,
  SessionPublicKey,
  DialogResult,
];

/** Sign-in for archive users: browser OpenID Connect, the Outlook add-in, archive sessions. */
@Module({})
export class AuthGatewayModule {
  static forRoot(config: AuthGatewayConfig): DynamicModule {
    return {
      module: AuthGatewayModule,
      imports: [
        TypeOrmModule.forFeature(AUTH_GATEWAY_ENTITIES),
        // Per client address (see TRUST_PROXY), per replica. Named `default` because the guard suffixes
        // any other name to its headers (`Retry-After-sign-in`), which no client understands.
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: config.SIGN_IN_RATE_LIMIT_PER_MINUTE }],
          storage: new FixedWindowRateLimitStorage(),
        }),
      ],
      controllers: [SignInController, AddinController, JwksController],
      providers: [
        { provide: AUTH_GATEWAY_CONFIG, useValue: config },
        SignInSettingsRepository,
        SignInAttemptsRepository,
        SpentTokensRepository,
        SessionPublicKeysRepository,
        DialogResultsRepository,
        InstanceResolver,
        SignInSettingsService,
        SignInSettingsHandler,
        SignInAuthorization,
        SignInMetrics,
        SignInService,
        SessionKeysService,
        SessionTokensService,
        BrowserSessionsService,
        NaaExchangeService,
        DialogResultService,
        ExpiredRowsPurge,
      ],
    };
  }
}
