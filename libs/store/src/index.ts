export * from './core';
export * from './memory/memory-change-notifier';
export * from './memory/memory-store';
