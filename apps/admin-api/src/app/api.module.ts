import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AdministratorStore } from '../administrators/administrator.repository';
import { BootstrapAdministrator } from '../administrators/bootstrap-administrator';
import { AuditLogStore } from '../audit/audit-log.repository';
import { AuditRecorder } from '../audit/audit-recorder';
import { AccessGuard } from '../auth/access.guard';
import { Authenticator } from '../auth/authenticator';
import { MicrosoftSignInService } from '../auth/microsoft-sign-in.service';
import { SignInRequestStore } from '../auth/sign-in-request.repository';
import { HealthAllService } from '../health/health-all.service';
import { ApiExceptionFilter } from '../http/api-exception.filter';
import { UndeclaredInputGuard } from '../http/undeclared-input.guard';
import { ContractValidationPipe } from '../http/validation.pipe';
import { AccessTokenStore } from '../tokens/access-token.repository';
import { ApiTokensService } from '../tokens/api-tokens.service';
import type { AdminApiConfig } from './admin-api.config';
import { ADMIN_API_CONFIG } from './admin-api.tokens';
import { API_CONTROLLERS } from './api.controllers';

@Module({})
export class ApiModule {
  static forRoot(config: AdminApiConfig): DynamicModule {
    return {
      module: ApiModule,
      controllers: API_CONTROLLERS,
      providers: [
        { provide: ADMIN_API_CONFIG, useValue: config },
        // In this order: who is calling first (401/404), then what they sent (400).
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: UndeclaredInputGuard },
        { provide: APP_PIPE, useClass: ContractValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        HealthAllService,
        AccessTokenStore,
        AdministratorStore,
        SignInRequestStore,
        AuditLogStore,
        AuditRecorder,
        Authenticator,
        MicrosoftSignInService,
        ApiTokensService,
        BootstrapAdministrator,
      ],
    };
  }
}
