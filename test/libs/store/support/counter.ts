import { CategorySpec } from '@app/store/core';

/** The smallest aggregate a decider test needs: a running total of Counted events. */
export interface Counted {
  readonly type: 'Counted';
  readonly by: number;
}

export const counter: CategorySpec<Counted, number> = {
  name: 'Counter',
  initial: 0,
  evolve: (total, e) => total + e.by,
  codec: {
    encode: (e) => ({ type: e.type, data: { by: e.by } }),
    tryDecode: (e) => (e.type === 'Counted' ? { type: 'Counted', by: (e.data as { by: number }).by } : undefined),
  },
};
