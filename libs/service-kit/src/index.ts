export * from './health/dependency-checks';
export * from './logging/logger.module';
export * from './run-service';
export * from './service-identity';
export * from './service-kit.module';
export * from './define-service';
