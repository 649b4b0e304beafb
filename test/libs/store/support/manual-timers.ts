import { Timers } from '@app/store/runtime';

interface PendingTimer {
  readonly id: number;
  readonly at: number;
  readonly delay: number;
  readonly callback: () => void;
}

/** Timers driven by hand: time moves only in advance(), and tests can see what is scheduled. */
export class ManualTimers implements Timers {
  private nowMs = 0;
  private nextId = 1;
  private readonly pending = new Map<number, PendingTimer>();
  private readonly scheduledWaiters: Array<() => void> = [];

  now(): number {
    return this.nowMs;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId++;
    this.pending.set(id, { id, at: this.nowMs + ms, delay: ms, callback });
    this.scheduledWaiters.splice(0).forEach((wake) => wake());
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** The delays the pending timers were set with, oldest first. */
  pendingDelays(): number[] {
    return [...this.pending.values()].map((t) => t.delay);
  }

  /** Resolves once at least `count` timers are pending. */
  async untilPending(count = 1): Promise<void> {
    while (this.pending.size < count) await new Promise<void>((resolve) => this.scheduledWaiters.push(resolve));
  }

  /** Moves time on by `ms`, firing the timers that fall due, in order. */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      const due = [...this.pending.values()].filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.pending.delete(due.id);
      this.nowMs = due.at;
      due.callback();
    }
    this.nowMs = target;
  }

  /** Fires the earliest pending timer, moving time to it. */
  fireNext(): void {
    const next = [...this.pending.values()].sort((a, b) => a.at - b.at || a.id - b.id)[0];
    if (!next) throw new Error('No timer is pending');
    this.advance(next.at - this.nowMs);
  }
}
