export * from './scheduler';
export * from './batch-progress';
export * from './outcome-stats';
export * from './stream-buffer';
export * from './stream-handler';
export * from './stream-retries';
export * from './sink-observer';
