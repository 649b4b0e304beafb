/**
 * equinox-js's apps/hotel, the comparison: EQX_HOTEL_REACTOR names its reactor's built entry (a bundle made outside
 * this repository, e.g. /work/eqx/dist/reactor.cjs); EQX_HOTEL_MIGRATIONS its apps/hotel/migrations directory
 * (default: ../src/apps/hotel/migrations beside the entry's directory). Unset: the comparison is skipped.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface EquinoxHotel {
  readonly entry: string;
  readonly migrations: string;
}

/** The configured equinox-js hotel, or why there is none. */
export function equinoxHotel(): EquinoxHotel | { readonly skipped: string } {
  const entry = process.env.EQX_HOTEL_REACTOR;
  if (!entry) return { skipped: 'EQX_HOTEL_REACTOR is not set: the equinox-js comparison is skipped' };
  if (!existsSync(entry)) return { skipped: `EQX_HOTEL_REACTOR=${entry} does not exist: the equinox-js comparison is skipped` };
  const migrations = process.env.EQX_HOTEL_MIGRATIONS ?? path.resolve(path.dirname(entry), '..', 'src', 'apps', 'hotel', 'migrations');
  if (!existsSync(migrations)) return { skipped: `No apps/hotel migrations at ${migrations} (set EQX_HOTEL_MIGRATIONS): the equinox-js comparison is skipped` };
  return { entry: path.resolve(entry), migrations };
}

/** Applies apps/hotel's migrations (its role and its eqx_checkpoint table) in file order. */
export async function installEquinoxTables(url: string, hotel: EquinoxHotel): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const file of readdirSync(hotel.migrations).filter((name) => name.endsWith('.sql')).sort()) {
      await client.query(readFileSync(path.join(hotel.migrations, file), 'utf8'));
    }
  } finally {
    await client.end();
  }
}
