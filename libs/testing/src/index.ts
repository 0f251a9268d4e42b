export * from './test-database';
export * from './test-namespace';
export * from './test-rpc';
export * from './test-service';
export * from './wait-for';
export * from './test-nats-server';
export * from './test-bus-identity';
export * from './test-environment';
