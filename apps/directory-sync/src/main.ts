import 'reflect-metadata';
import { runService } from '@archive365/service-kit';
import { directorySyncService } from './app/service.definition';

void runService(directorySyncService);
