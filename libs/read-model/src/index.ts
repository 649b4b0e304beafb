// The front desk's read side: the hotel_read tables, the folds that keep them, the projector, the lists, the rebuild.
export * from './hotel-read-schema';
export * from './stay-rows';
export * from './group-checkout-rows';
export * from './hotel-projector';
export * from './hotel-read-queries';
export * from './keyset-cursor';
export * from './rebuild';
