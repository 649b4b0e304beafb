import { randomUUID } from 'node:crypto';
import { CategorySpec, EventStore, MultiStreamUnit, UnitStream } from '@app/store/core';

// Two categories: an item can be claimed once; a ledger records the items its owner claimed.
type Claimed = { type: 'Claimed'; by: string };
type Recorded = { type: 'Recorded'; items: string[] };

export const item: CategorySpec<Claimed, string | undefined> = {
  name: 'Item',
  initial: undefined,
  evolve: (owner, e) => owner ?? e.by,
  codec: {
    encode: (e) => ({ type: e.type, data: { by: e.by } }),
    tryDecode: (e) => (e.type === 'Claimed' ? { type: 'Claimed', by: (e.data as { by: string }).by } : undefined),
  },
};

export const ledger: CategorySpec<Recorded, string[]> = {
  name: 'Ledger',
  initial: [],
  evolve: (items, e) => [...items, ...e.items],
  codec: {
    encode: (e) => ({ type: e.type, data: { items: e.items } }),
    tryDecode: (e) => (e.type === 'Recorded' ? { type: 'Recorded', items: (e.data as { items: string[] }).items } : undefined),
  },
};

const noRetryDelay = { random: () => 0 };
export const noise = () => [{ id: randomUUID(), type: 'Noise', data: {} }]; // a type the codecs skip: it only moves the version

/** `owner` claims the unclaimed of `items` and records them on its ledger, in one unit of work; answers what it claimed. */
export async function claim(store: EventStore, owner: string, items: readonly string[], options = {}): Promise<string[]> {
  const unit = new MultiStreamUnit(store, { ...noRetryDelay, ...options });
  const book = unit.add(new UnitStream(ledger, `Ledger-${owner}`));
  const streams = items.map((id) => unit.add(new UnitStream(item, `Item-${id}`)));
  return unit.transact(() => {
    const won = items.filter((_, i) => {
      const view = streams[i].view;
      if ('error' in view || view.state !== undefined) return false;
      streams[i].append([{ type: 'Claimed', by: owner }]);
      return true;
    });
    book.append(won.length > 0 ? [{ type: 'Recorded', items: won }] : []);
    return won;
  });
}

