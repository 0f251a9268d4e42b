import 'reflect-metadata';
import { runService } from '@archive365/service-kit';
import { authGatewayService } from './app/service.definition';

void runService(authGatewayService);
