export * from './backoff';
export * from './logger';
export * from './semaphore';
export * from './timers';
