import type { Type } from '@nestjs/common';
import { AdministratorsController } from '../administrators/administrators.controller';
import { AuditController } from '../audit/audit.controller';
import { AuthController } from '../auth/auth.controller';
import { CredentialsController } from '../credentials/credentials.controller';
import { ProviderCredentialsController } from '../credentials/provider-credentials.controller';
import { DirectorySyncController } from '../directory-sync/directory-sync.controller';
import { HealthAllController } from '../health/health-all.controller';
import { InstancesController } from '../instances/instances.controller';
import { SetupController } from '../setup/setup.controller';
import { SignInSettingsController } from '../sign-in/sign-in.controller';
import { TokensController } from '../tokens/tokens.controller';

/** Every controller of the API: the module mounts them and the OpenAPI document describes them. */
export const API_CONTROLLERS: Type[] = [
  HealthAllController,
  AuthController,
  TokensController,
  AdministratorsController,
  AuditController,
  InstancesController,
  CredentialsController,
  ProviderCredentialsController,
  SetupController,
  DirectorySyncController,
  SignInSettingsController,
];
