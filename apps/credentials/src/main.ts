import 'reflect-metadata';
import { runService } from '@archive365/service-kit';
import { credentialsService } from './app/service.definition';

void runService(credentialsService);
