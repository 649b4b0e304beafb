export * from './core';
export * from './memory/memory-change-notifier';
export * from './memory/memory-store';
export * from './checkpoints';
export * from './feed';
export * from './sink';
export * from './reactor';
export * from './message-db';
