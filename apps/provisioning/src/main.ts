import 'reflect-metadata';
import { runService } from '@archive365/service-kit';
import { provisioningService } from './app/service.definition';

void runService(provisioningService);
