export * from './checkpoint-store';
export * from './checkpoint-writer';
export * from './claim-checkpoint';
export * from './memory-checkpoint-store';
export * from './committed-checkpoint';
export * from './parked-stream-store';
export * from './memory-parked-stream-store';
