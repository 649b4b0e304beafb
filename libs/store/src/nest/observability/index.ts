export * from './app-logger';
export * from './feed-logger';
export * from './metrics';
export * from './reactor-metrics';
export * from './redact';
