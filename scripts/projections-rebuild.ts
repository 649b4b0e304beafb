import { rebuildHotelRead } from '@app/read-model';
import { createPool, redactConnectionString } from '@app/store';

/**
 * `npm run projections:rebuild [-- --reset-only]` (also `npm run admin -- projections rebuild`): empties the hotel_read
 * tables and resets the hotel projector's checkpoints in one transaction, then catches up with a projector of its own
 * until the tables hold everything written before the reset, printing progress; with --reset-only the reactor's
 * projector catches up instead. See rebuildHotelRead. Exit 0/1.
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
    const resetOnly = process.argv.includes('--reset-only');
    const { caughtUp, seconds } = await rebuildHotelRead(url, pool, { resetOnly, progress: (line) => console.log(line), logger: console });
    if (caughtUp) console.log(`Done: the read tables are whole again (${seconds.toFixed(1)} s)`);
    return 0;
  } finally {
    await pool.end();
  }
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
