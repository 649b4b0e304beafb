export * from './memory-reactor';
export * from './reactor';
export * from './start-reactor';
