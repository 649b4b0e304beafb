export * from './backoff';
export * from './category-source';
export * from './consumer-group';
export * from './feed';
export * from './feed-batch';
export * from './logger';
export * from './memory-store-source';
export * from './timers';
