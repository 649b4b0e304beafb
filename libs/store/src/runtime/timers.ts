export type TimerHandle = unknown;

/** The clock and timers the feed machinery uses; injected so tests can drive time by hand. */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** A sleep that can be cut short: `wake()` resolves it at once. */
export interface WakeableSleep {
  readonly done: Promise<void>;
  wake(): void;
}

export function wakeableSleep(timers: Timers, ms: number): WakeableSleep {
  let wake!: () => void;
  const done = new Promise<void>((resolve) => {
    const handle = timers.setTimeout(() => wake(), ms);
    wake = () => {
      timers.clearTimeout(handle);
      resolve();
    };
  });
  return { done, wake };
}
