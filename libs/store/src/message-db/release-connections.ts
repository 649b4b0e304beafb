import pg from 'pg';
import { MessageDbChangeNotifier } from './change-notifier';

/** Closes a processor's connections: its LISTEN connection first (no more wake-ups), then its pools. */
export async function releaseConnections(notifier: MessageDbChangeNotifier | undefined, pools: readonly pg.Pool[]): Promise<void> {
  await notifier?.stop();
  await Promise.all(pools.map((pool) => pool.end()));
}

/** Stops what runs on the connections, then releases them, whether or not stopping succeeded. */
export async function stopThenRelease(stop: () => Promise<void>, notifier: MessageDbChangeNotifier | undefined, pools: readonly pg.Pool[]): Promise<void> {
  try {
    await stop();
  } finally {
    await releaseConnections(notifier, pools);
  }
}
