export * from './database-health';
export * from './database.module';
export * from './database.options';
export * from './inbox/create-processed-events.migration';
export * from './inbox/inbox.service';
export * from './inbox/processed-event.entity';
