import { MessageDbStore, PostgresCheckpointStore, createPool } from '@app/store';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { TestDatabase, createTestDatabase } from '../../support/database';
import { adminOn } from './run-admin';

describe('admin CLI: checkpoints', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let admin: ReturnType<typeof adminOn>;
  const checkpoints = () => new PostgresCheckpointStore(pool);
  const category = 'Ledger';
  const key = (consumerGroup: string) => ({ source: 'messageDb', tranche: category, consumerGroup });

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url, { max: 2 });
    admin = adminOn(db.url);
    const store = new MessageDbStore({ writePool: pool });
    for (let i = 0; i < 6; i++) {
      await store.appendToStream(`${category}-${randomUUID()}`, 0, [{ id: randomUUID(), type: 'Posted', data: { i }, metadata: null }]);
    }
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  async function positions(processor: string): Promise<Record<string, number>> {
    const stored = await checkpoints().loadProcessor('messageDb', category, processor);
    return Object.fromEntries(stored.map((c) => [c.consumerGroup, c.position]));
  }

  it('lists each checkpoint with its member, the category tail and the events behind it', async () => {
    await checkpoints().commit(key('Solo'), 4);
    await checkpoints().commit(key('Pair/0of2'), 0);
    await checkpoints().commit(key('Pair/1of2'), 0);
    const run = await admin('checkpoints', 'list', '--json');
    expect(run.code).toBe(0);
    const rows = run.json<{ processor: string; member: string | null; position: number; tail: number; lag: number }[]>();
    const tail = Math.max(...rows.map((r) => r.tail));
    expect(rows.find((r) => r.processor === 'Solo')).toMatchObject({ member: null, position: 4, tail, lag: tail + 1 - 4 });
    const pair = rows.filter((r) => r.processor === 'Pair');
    expect(pair.map((r) => r.member)).toEqual(['0of2', '1of2']);
    expect(pair[0].lag + pair[1].lag).toBe(6);

    const human = await admin('checkpoints', 'list', 'Solo');
    expect(human.out).toMatch(/PROCESSOR\s+MEMBER\s+CATEGORY\s+POSITION\s+TAIL\s+LAG/);
    expect(human.out).toContain('Solo');
    expect(human.out).not.toContain('Pair');
  });

  it('sets every member of a processor, or one member, to a position', async () => {
    await checkpoints().commit(key('Mover/0of2'), 1);
    await checkpoints().commit(key('Mover/1of2'), 2);
    expect((await admin('checkpoints', 'set', 'Mover', '3')).code).toBe(0);
    expect(await positions('Mover')).toEqual({ 'Mover/0of2': 3, 'Mover/1of2': 3 });
    const one = await admin('checkpoints', 'set', 'Mover/1of2', '0', '--json');
    expect(one.json()).toEqual({ changes: [{ consumerGroup: 'Mover/1of2', category, from: 3, to: 0 }] });
    expect(await positions('Mover')).toEqual({ 'Mover/0of2': 3, 'Mover/1of2': 0 });
  });

  it('moves a processor to the tail and resets it (deletes its checkpoints)', async () => {
    await checkpoints().commit(key('Skipper'), 0);
    const moved = await admin('checkpoints', 'tail', 'Skipper', '--json');
    const [{ to }] = moved.json().changes;
    const { rows } = await pool.query(`SELECT max(global_position)::int AS tail FROM message_store.messages WHERE message_store.category(stream_name) = $1`, [category]);
    expect(to).toBe(rows[0].tail + 1);
    const reset = await admin('checkpoints', 'reset', 'Skipper');
    expect(reset.code).toBe(0);
    expect(reset.out).toContain(`Skipper was at ${to}`);
    expect(await positions('Skipper')).toEqual({});
  });

  it.each([
    [['checkpoints', 'set', 'Solo', '-1'], 2, "Unknown option '-1'"],
    [['checkpoints', 'set', 'Solo', '--', '-1'], 2, '<position> must be a global position'],
    [['checkpoints', 'set', 'Solo', 'ten'], 2, '<position> must be a global position'],
    [['checkpoints', 'set', 'Solo'], 2, 'expected 2 argument(s), got 1'],
    [['checkpoints', 'reset', 'Solo', '--hard'], 2, "Unknown option '--hard'"],
    [['checkpoints', 'set', 'Nobody', '5'], 4, 'No checkpoint for processor "Nobody" (known: '],
    [['checkpoints', 'rewind'], 2, 'Usage: npm run admin'],
  ])('refuses %j with exit %i, saying why', async (argv, code, message) => {
    await checkpoints().commit(key('Solo'), 4);
    const run = await admin(...argv);
    expect(run.code).toBe(code);
    expect(`${run.err}${run.out}`).toContain(message);
    expect(await positions('Solo')).toEqual({ Solo: 4 });
  });

  it.each([['set', '0'], ['reset'], ['tail']])('refuses to %s while a member of the processor is connected, unless forced', async (...command) => {
    await checkpoints().commit(key('Busy/0of2'), 5);
    const member = createPool(db.url, { max: 1, applicationName: 'Busy-feed' });
    try {
      await member.query('SELECT 1');
      const refused = await admin('checkpoints', command[0], 'Busy', ...command.slice(1));
      expect(refused.code).toBe(3);
      expect(refused.err).toContain('Refused: processor "Busy" is live: Busy-feed (1 from');
      expect(refused.err).toContain('--force');
      expect(await positions('Busy')).toEqual({ 'Busy/0of2': 5 });
      expect((await admin('checkpoints', command[0], 'Busy', ...command.slice(1), '--force')).code).toBe(0);
    } finally {
      await member.end();
    }
  });

  it('answers --json errors with the message and exit code', async () => {
    const run = await admin('checkpoints', 'set', 'Nobody', '1', '--json');
    expect(run.code).toBe(4);
    expect(run.json()).toEqual({ error: expect.stringContaining('No checkpoint for processor "Nobody"'), exitCode: 4 });
  });
});
