import type { Type } from '@nestjs/common';
import { CredentialsController } from '../credentials/credentials.controller';
import { HealthAllController } from '../health/health-all.controller';
import { InstancesController } from '../instances/instances.controller';

/** Every controller of the API: the module mounts them and the OpenAPI document describes them. */
export const API_CONTROLLERS: Type[] = [HealthAllController, InstancesController, CredentialsController];
