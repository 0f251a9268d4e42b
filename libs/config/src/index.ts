export * from './config-error';
export * from './load-config';
export * from './secret.decorator';
export * from './service-base.config';
export * from './process-environment';
export * from './readable-file.validator';
