import 'reflect-metadata';
import { runService } from '@archive365/service-kit';
import { adminApiService } from './app/service.definition';

void runService(adminApiService);
