/**
 * Stays of ordinary length for the charge commands: each worker charges the stay it holds CHARGES_PER_STAY times, then
 * takes a fresh one. Fresh stays (checked in and charged once) are inserted in bulk ahead of need, off the clock.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { insertChargedStays, STREAM_IDS } from './fixtures';

export const CHARGES_PER_STAY = 10;

/** Stays inserted at once; a refill starts in the background when fewer than half are left. */
const STAYS_PER_REFILL = 2_000;

interface HeldStay {
  readonly stayId: string;
  /** Charges made on it through this supply (its version is 2 + charges: CheckedIn and Charged first). */
  charges: number;
}

export class StaySupply {
  private readonly fresh: string[] = [];
  private refilling: Promise<void> | undefined;
  private readonly held = new Map<number, HeldStay>();

  constructor(private readonly pool: pg.Pool) {}

  /** Fills the supply before the clock starts. */
  async prepare(): Promise<void> {
    await this.refill();
  }

  /** Runs worker w's next charge on the stay it holds (a fresh one every CHARGES_PER_STAY charges). */
  async charge(worker: number, write: (stay: HeldStay) => Promise<void>): Promise<void> {
    let stay = this.held.get(worker);
    if (stay === undefined || stay.charges >= CHARGES_PER_STAY) this.held.set(worker, (stay = { stayId: await this.take(), charges: 0 }));
    await write(stay);
    stay.charges++;
  }

  private async take(): Promise<string> {
    if (this.fresh.length < STAYS_PER_REFILL / 2) void this.refill();
    while (this.fresh.length === 0) await this.refill();
    return this.fresh.pop()!;
  }

  private refill(): Promise<void> {
    this.refilling ??= (async () => {
      const stays = Array.from({ length: STAYS_PER_REFILL }, () => randomUUID());
      await insertChargedStays(this.pool, stays, [STREAM_IDS.ours]);
      this.fresh.push(...stays);
    })().finally(() => (this.refilling = undefined));
    return this.refilling;
  }
}
