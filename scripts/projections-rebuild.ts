import { HotelReadQueries, installHotelReadSchema, resetHotelRead, startHotelProjector } from '@app/read-model';
import { createPool, redactConnectionString } from '@app/store';

/**
 * `npm run projections:rebuild [-- --reset-only]`: empties the hotel_read tables and resets the hotel projector's
 * checkpoints in one transaction, then catches up with a projector of its own until the tables hold everything written
 * before the reset, printing progress. A reactor running the projector meanwhile notices the reset and starts again
 * from 0 too (the two take turns: each commit moves the checkpoint only from where it was). With --reset-only it just
 * resets and leaves the catching up to the reactor's projector. Exit 0/1.
 */
async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set. Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/message_store npm run projections:rebuild');
    return 1;
  }
  console.log(`Database: ${redactConnectionString(url)}`);
  const pool = createPool(url, { max: 2, applicationName: 'projections-rebuild' });
  try {
    await installHotelReadSchema(pool);
    const target = await resetHotelRead(pool);
    console.log(`Emptied the read tables and reset the projector's checkpoints; rebuilding up to global position ${target}`);
    if (process.argv.includes('--reset-only')) return 0;
    await catchUp(url, new HotelReadQueries(pool), target);
    return 0;
  } finally {
    await pool.end();
  }
}

async function catchUp(url: string, queries: HotelReadQueries, target: number): Promise<void> {
  const projector = startHotelProjector({ url, notifications: false, logger: console });
  const started = Date.now();
  try {
    for (;;) {
      const { position, rebuildingTo } = await queries.projectionState();
      const seconds = (Date.now() - started) / 1000;
      console.log(`at ${position} of ${target} after ${seconds.toFixed(1)} s`);
      if (rebuildingTo === undefined) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  } finally {
    await projector.stop();
  }
  console.log(`Done: the read tables are whole again (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`projections:rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
