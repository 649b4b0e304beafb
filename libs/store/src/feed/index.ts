export * from './category-source';
export * from './consumer-group';
export * from './feed';
export * from './feed-batch';
export * from './memory-store-source';
