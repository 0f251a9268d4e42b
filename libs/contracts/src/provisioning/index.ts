export * from './doctor.dto';
export * from './guide.dto';
export * from './provisioning-events.dto';
export * from './renewal.dto';
export * from './setup-options.dto';
export * from './setup.dto';
