/** The baselines: plain Message DB calls through pg, as fast as the server takes them, and the loops that time them. */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Group, groupStream, STAY_CHARGE, stayStream, STREAM_IDS, StreamIdFormat } from './fixtures';
import { elapsedMs, sleep } from './stats';
import { StaySupply } from './stay-supply';

const WRITE = 'SELECT message_store.write_message($1, $2, $3, $4, NULL, $5)';

/** A clerk's pause between two writes: a steady trickle, not a load of its own. */
const CLERK_PAUSE_MS = 5;

/**
 * A clerk's writes to the GuestStay category (CheckedIn on a new stay, one after the other) while `during` runs: the
 * latency of each, in ms.
 */
export async function measureClerk(pool: pg.Pool, format: StreamIdFormat, during: () => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let running = true;
  const clerk = (async () => {
    const client = await pool.connect();
    try {
      while (running) {
        const started = process.hrtime.bigint();
        await client.query(WRITE, [randomUUID(), stayStream(format, randomUUID()), 'CheckedIn', checkedIn(), -1]);
        latencies.push(elapsedMs(started));
        await sleep(CLERK_PAUSE_MS);
      }
    } finally {
      client.release();
    }
  })();
  try {
    await during();
  } finally {
    running = false;
    await clerk;
  }
  return latencies;
}

/**
 * What the reactions to these groups write (each stay TransferredToGroup in one transaction, then the group's
 * StaysMerged), from `connections` writers taking groups in turn. Expects each stay at version 1 and each group at 0.
 */
export async function rawReactionWrites(pool: pg.Pool, groups: readonly Group[], connections: number): Promise<void> {
  let next = 0;
  const format = STREAM_IDS.ours;
  const writer = async (): Promise<void> => {
    const client = await pool.connect();
    try {
      for (let group = groups[next++]; group !== undefined; group = groups[next++]) {
        const at = new Date().toISOString();
        await client.query('BEGIN');
        for (const stayId of group.stayIds) {
          const transfer = { at, groupId: group.groupId, residualBalance: STAY_CHARGE };
          await client.query(WRITE, [randomUUID(), stayStream(format, stayId), 'TransferredToGroup', JSON.stringify(transfer), 1]);
        }
        await client.query('COMMIT');
        const residuals = group.stayIds.map((stay) => ({ stay, residual: STAY_CHARGE }));
        await client.query(WRITE, [randomUUID(), groupStream(format, group.groupId), 'StaysMerged', JSON.stringify({ residuals }), 0]);
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: connections }, writer));
}

export interface RateSample {
  readonly perSecond: number;
  /** Every operation's latency, in ms. */
  readonly latencies: number[];
  /** Every operation done, warm-up included. */
  readonly operations: number;
}

/**
 * `concurrency` loops, each doing `operation` back to back for durationMs (after warmUpMs unmeasured): operations per
 * second and their latencies. Shared by the raw baselines and the API's load.
 */
export async function closedLoop(
  concurrency: number,
  { durationMs, warmUpMs }: { durationMs: number; warmUpMs: number },
  operation: (worker: number) => Promise<void>,
): Promise<RateSample> {
  const latencies: number[] = [];
  const measureFrom = Date.now() + warmUpMs;
  const deadline = measureFrom + durationMs;
  let measuredStart: bigint | undefined;
  let operations = 0;
  const loop = async (worker: number): Promise<void> => {
    while (Date.now() < deadline) {
      const started = process.hrtime.bigint();
      await operation(worker);
      operations++;
      if (Date.now() >= measureFrom) {
        measuredStart ??= started;
        latencies.push(elapsedMs(started));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, worker) => loop(worker)));
  const seconds = measuredStart === undefined ? Number.NaN : elapsedMs(measuredStart) / 1000;
  return { perSecond: latencies.length / seconds, latencies, operations };
}

const LOAD = 'SELECT position FROM message_store.get_stream_messages($1, 0, 1000)';

export type RawCommand = (worker: number) => Promise<void>;

/**
 * The API's raw peers, by command: write_message of a CheckedIn to a new GuestStay stream, or of a Charged to a stay
 * from the supply with its expected version. With `loadFirst`, each reads its stream (get_stream_messages) first and
 * writes at the version it read: the two round trips of a command that loads before it decides.
 */
export function rawCommands(pool: pg.Pool, supply: StaySupply, { loadFirst }: { loadFirst: boolean }): Record<'check-in' | 'charge', RawCommand> {
  const loadedVersion = async (stream: string): Promise<number | undefined> =>
    loadFirst ? (await pool.query(LOAD, [stream])).rows.length - 1 : undefined;
  return {
    'check-in': async () => {
      const stream = stayStream(STREAM_IDS.ours, randomUUID());
      await pool.query(WRITE, [randomUUID(), stream, 'CheckedIn', checkedIn(), (await loadedVersion(stream)) ?? -1]);
    },
    charge: (worker) =>
      supply.charge(worker, async ({ stayId, charges }) => {
        const stream = stayStream(STREAM_IDS.ours, stayId);
        const expected = (await loadedVersion(stream)) ?? 1 + charges;
        const charge = { amount: STAY_CHARGE, at: new Date().toISOString(), chargeId: randomUUID() };
        await pool.query(WRITE, [randomUUID(), stream, 'Charged', JSON.stringify(charge), expected]);
      }),
  };
}

const checkedIn = (): string => JSON.stringify({ at: new Date().toISOString() });

/** Pages through a whole category with `read(from)` until an empty page: how many events it read. */
export async function readWhole(read: (from: number) => Promise<readonly { global_position: number }[]>): Promise<number> {
  let count = 0;
  for (let from = 0; ; ) {
    const page = await read(from);
    if (page.length === 0) return count;
    count += page.length;
    from = page[page.length - 1].global_position + 1;
  }
}
