import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { HealthAllService } from '../health/health-all.service';
import { ApiExceptionFilter } from '../http/api-exception.filter';
import { ContractValidationPipe } from '../http/validation.pipe';
import { API_CONTROLLERS } from './api.controllers';
import type { AdminApiConfig } from './admin-api.config';
import { ADMIN_API_CONFIG } from './admin-api.tokens';

@Module({})
export class ApiModule {
  static forRoot(config: AdminApiConfig): DynamicModule {
    return {
      module: ApiModule,
      controllers: API_CONTROLLERS,
      providers: [
        { provide: ADMIN_API_CONFIG, useValue: config },
        { provide: APP_PIPE, useClass: ContractValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        HealthAllService,
      ],
    };
  }
}
