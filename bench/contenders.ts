/** The reactors compared: ours with given settings, equinox-js's hotel reactor; each started warm in a child process. */
import pg from 'pg';
import { EquinoxHotel } from './equinox';
import { awaitReactions, Group, groupStream, STREAM_IDS, StreamIdFormat, writeSelections } from './fixtures';
import { Child, ReactorEnvironment, spawnEquinoxReactor, spawnOurReactor } from './processes';

export interface Contender {
  readonly subject: 'ours' | 'equinox-js';
  /** What sets this contender apart (a figure's variant), e.g. `MAX_CONCURRENT_STREAMS=8`; empty for none. */
  readonly label: string;
  readonly format: StreamIdFormat;
  start(url: string): Child;
}

export const ourReactor = (label: string, env: ReactorEnvironment): Contender => ({
  subject: 'ours',
  label,
  format: STREAM_IDS.ours,
  start: (url) => spawnOurReactor(url, env),
});

export const equinoxReactor = (hotel: EquinoxHotel, label = ''): Contender => ({
  subject: 'equinox-js',
  label,
  format: STREAM_IDS['equinox-js'],
  start: (url) => spawnEquinoxReactor(hotel.entry, url),
});

/**
 * Starts the contender's reactor and waits until it has reacted to the warm-up group (so it is connected, caught up
 * and past its first reaction); stops it again when that fails.
 */
export async function startWarm(contender: Contender, url: string, pool: pg.Pool, warmUp: Group): Promise<Child> {
  const reactor = contender.start(url);
  try {
    await writeSelections(pool, [warmUp], contender.format);
    const stream = groupStream(contender.format, warmUp.groupId);
    await awaitReactions(pool, [stream], warmUp.stayIds.length, { timeoutMs: 60_000, assertAlive: reactor.assertRunning });
    return reactor;
  } catch (error) {
    await reactor.stop();
    throw error;
  }
}
