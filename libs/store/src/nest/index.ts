export * from './config';
export * from './message-db-connections';
export * from './message-db.module';
export * from './message-db.options';
export * from './message-db.tokens';
export * from './observability';
