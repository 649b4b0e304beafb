import { randomUUID } from 'node:crypto';
import { messageDbFixture, MessageDbFixture } from '../support/message-db';
import { claim } from '../support/claims';

describe('MultiStreamUnit on Message DB', () => {
  let fixture: MessageDbFixture;

  beforeAll(async () => {
    fixture = await messageDbFixture();
  });
  afterAll(() => fixture.close());

  it('owners racing over shared items across two categories: each item claimed once, on its owner\'s ledger alone, no deadlock', async () => {
    const { store } = fixture;
    const items = Array.from({ length: 6 }, () => randomUUID().replace(/-/g, ''));
    const owners = Array.from({ length: 8 }, (_, n) => ({ owner: randomUUID().replace(/-/g, ''), wanted: items.filter((_, i) => (i + n) % 3 !== 0) }));

    // A generous conflict budget: 8 units over 6 shared streams collide often, and every one must get through.
    const claimed = await Promise.all(owners.map(({ owner, wanted }) => claim(store, owner, wanted, { conflictBudgetMs: 30_000 })));

    for (const id of items) {
      const claims = (await store.readStream(`Item-${id}`)).filter((e) => e.type === 'Claimed');
      expect(claims).toHaveLength(1);
      const winner = owners.findIndex(({ owner }) => owner === (claims[0].data as { by: string }).by);
      expect(claimed[winner]).toContain(id);
    }
    for (const [n, { owner }] of owners.entries()) {
      const recorded = (await store.readStream(`Ledger-${owner}`)).flatMap((e) => (e.data as { items: string[] }).items);
      expect(recorded).toEqual(claimed[n]);
    }
    expect(claimed.flat().sort()).toEqual([...items].sort());
  });
});
