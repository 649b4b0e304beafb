import { randomUUID } from 'node:crypto';
import { RecordedEvent } from '@app/store/core';
import { createPool } from '@app/store/message-db/connection';
import { MessageDbCategoryReader } from '@app/store/message-db/category-reader';
import { messageDbFixture, MessageDbFixture } from '../support/message-db';

async function readAll(reader: MessageDbCategoryReader, category: string, batchSize: number): Promise<RecordedEvent[][]> {
  const pages: RecordedEvent[][] = [];
  for (let position = 0; ; ) {
    const page = await reader.readCategory(category, position, batchSize);
    if (page.length === 0) return pages;
    pages.push(page);
    position = page[page.length - 1].globalPosition + 1;
  }
}

describe('MessageDbCategoryReader', () => {
  let mdb: MessageDbFixture;
  beforeAll(async () => {
    mdb = await messageDbFixture();
  });
  afterAll(async () => {
    await mdb.close();
  });

  it('pages through a category in global order from a position, and knows its tail', async () => {
    const reader = new MessageDbCategoryReader(mdb.pool);
    expect(await reader.categoryTail('Paged')).toBe(0);
    await mdb.append('Paged-a', 3);
    await mdb.append('Elsewhere-a', 2);
    await mdb.append('Paged-b', 2);

    const pages = await readAll(reader, 'Paged', 2);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const events = pages.flat();
    expect(events.map((e) => `${e.streamName}@${e.position}`)).toEqual([
      'Paged-a@0',
      'Paged-a@1',
      'Paged-a@2',
      'Paged-b@0',
      'Paged-b@1',
    ]);
    const positions = events.map((e) => e.globalPosition);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(events[3]).toMatchObject({ type: 'Happened', data: { n: 0 }, metadata: { by: 'test' }, time: expect.any(Date) });
    expect(await reader.categoryTail('Paged')).toBe(positions[4] + 1);

    const fromMiddle = await reader.readCategory('Paged', positions[2], 10);
    expect(fromMiddle.map((e) => e.globalPosition)).toEqual(positions.slice(2));
  });

  it('reads every field of an event as a stream read gives it, for the whole category and for a member', async () => {
    await mdb.append('Fields-a', 2);
    await mdb.append('Fields-b', 1);
    const streams = [...(await mdb.store.readStream('Fields-a')), ...(await mdb.store.readStream('Fields-b'))];
    const byPosition = (events: RecordedEvent[]) => [...events].sort((a, b) => a.globalPosition - b.globalPosition);

    expect(await new MessageDbCategoryReader(mdb.pool).readCategory('Fields', 0, 10)).toEqual(byPosition(streams));
    const members = [0, 1].map((member) => new MessageDbCategoryReader(mdb.pool, { consumerGroup: { member, size: 2 } }));
    const shares = await Promise.all(members.map((reader) => reader.readCategory('Fields', 0, 10)));
    expect(byPosition(shares.flat())).toEqual(byPosition(streams));
  });

  it('gives every stream to exactly one member of a consumer group, with all its events, in order', async () => {
    const streams = Array.from({ length: 30 }, () => `Grouped-${randomUUID()}`);
    for (let round = 0; round < 2; round++) for (const stream of streams) await mdb.append(stream);
    const members = [0, 1, 2].map((member) => new MessageDbCategoryReader(mdb.pool, { consumerGroup: { member, size: 3 } }));

    const owner = new Map<string, number>();
    let total = 0;
    for (const [member, reader] of members.entries()) {
      const events = (await readAll(reader, 'Grouped', 7)).flat();
      total += events.length;
      const byStream = new Map<string, number[]>();
      for (const e of events) byStream.set(e.streamName, [...(byStream.get(e.streamName) ?? []), e.position]);
      for (const [stream, positions] of byStream) {
        expect(owner.has(stream)).toBe(false);
        owner.set(stream, member);
        expect(positions).toEqual([0, 1]);
      }
    }
    expect(total).toBe(60);
    expect([...owner.keys()].sort()).toEqual([...streams].sort());
    expect(new Set(owner.values()).size).toBe(3);
  });

  it('keeps the planner settings of a member read to its own transaction', async () => {
    const pool = createPool(mdb.db.url, { max: 1 });
    const settings = async () =>
      (await pool.query(`SELECT current_setting('enable_bitmapscan') AS bitmap, current_setting('jit') AS jit`)).rows[0];
    try {
      const before = await settings();
      await new MessageDbCategoryReader(pool, { consumerGroup: { member: 0, size: 2 } }).readCategory('Grouped', 0, 10);
      expect(await settings()).toEqual(before);
      expect(before.bitmap).toBe('on');
    } finally {
      await pool.end();
    }
  });

  it('refuses an impossible consumer group', () => {
    expect(() => new MessageDbCategoryReader(mdb.pool, { consumerGroup: { member: 2, size: 2 } })).toThrow(/0\.\.1/);
  });
});
