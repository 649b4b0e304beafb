import { claimCheckpoint, ConsumerGroupSizeChangedError } from '@app/store/checkpoints';
import { PostgresCheckpointStore } from '@app/store/message-db';
import { messageDbFixture, MessageDbFixture } from '../support/message-db';

const key = (consumerGroup: string) => ({ source: 'messageDb', tranche: 'Cat', consumerGroup });

describe('PostgresCheckpointStore', () => {
  let mdb: MessageDbFixture;
  let store: PostgresCheckpointStore;
  beforeAll(async () => {
    mdb = await messageDbFixture();
    store = new PostgresCheckpointStore(mdb.pool);
  });
  afterAll(async () => {
    await mdb.close();
  });

  it('upserts a position into propulsion_checkpoint', async () => {
    expect(await store.load(key('Upserted'))).toBeUndefined();
    await store.commit(key('Upserted'), 41);
    await store.commit(key('Upserted'), 42);

    expect(await store.load(key('Upserted'))).toBe(42);
    const { rows } = await mdb.pool.query(`SELECT * FROM public.propulsion_checkpoint WHERE consumer_group = 'Upserted'`);
    expect(rows).toEqual([{ source: 'messageDb', tranche: 'Cat', consumer_group: 'Upserted', position: 42 }]);
  });

  it('lists a processor’s checkpoints: its own and its group members’, not those of similarly named processors', async () => {
    await store.commit(key('Listed'), 1);
    await store.commit(key('Listed/0of2'), 2);
    await store.commit(key('Listed2'), 3);
    await store.commit({ ...key('Listed/1of2'), tranche: 'OtherCat' }, 4);

    expect(await store.loadProcessor('messageDb', 'Cat', 'Listed')).toEqual([
      { consumerGroup: 'Listed', position: 1 },
      { consumerGroup: 'Listed/0of2', position: 2 },
    ]);
  });

  it('claims a member’s checkpoint, refuses a changed group size, and resets on request', async () => {
    await store.commit(key('Scaled/0of2'), 100);
    await store.commit(key('Scaled/1of2'), 90);
    const claim = (size: number, reset?: true) =>
      claimCheckpoint({
        store,
        source: 'messageDb',
        tranche: 'Cat',
        processorName: 'Scaled',
        consumerGroup: { member: 1, size },
        resetCheckpoints: reset,
      });

    expect(await claim(2)).toEqual({ key: key('Scaled/1of2'), position: 90 });
    await expect(claim(3)).rejects.toThrow(ConsumerGroupSizeChangedError);
    await expect(claim(3)).rejects.toThrow(/group of 2 member.*Scaled\/0of2 at 100.*starts a group of 3/);

    expect(await claim(3, true)).toEqual({ key: key('Scaled/1of3'), position: 90 });
    expect(await store.loadProcessor('messageDb', 'Cat', 'Scaled')).toEqual([
      { consumerGroup: 'Scaled/0of3', position: 90 },
      { consumerGroup: 'Scaled/1of3', position: 90 },
      { consumerGroup: 'Scaled/2of3', position: 90 },
    ]);
    expect(await claim(3, true)).toEqual({ key: key('Scaled/1of3'), position: 90 });
  });
});
