export * from './backoff';
export * from './logger';
export * from './timers';
