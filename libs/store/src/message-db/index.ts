export * from './connection';
export * from './errors';
export * from './install';
export * from './message-db-store';
export * from './category-reader';
export * from './change-notifier';
export * from './transaction';
export * from './postgres-checkpoint-store';
