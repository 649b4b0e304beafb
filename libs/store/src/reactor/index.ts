export * from './memory-reactor';
export * from './reactor';
export * from './reactor-monitor';
export * from './reactor-settings';
export * from './start-reactor';
export * from './start-projector';
export * from './parked-streams';
