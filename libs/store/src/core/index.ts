// The store-agnostic core: what a pure domain may depend on.
export * from './cached-stream';
export * from './category-spec';
export * from './change-notifier';
export * from './codec';
export * from './conflict-reports';
export * from './decider';
export * from './event-metadata';
export * from './event-store';
export * from './state-cache';
export * from './stream-name';
export * from './multi-stream-unit';
