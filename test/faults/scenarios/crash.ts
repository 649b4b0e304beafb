import { reactorHealth, waitForConvergence } from '../support/convergence';
import { FaultHarness, figuresLine, RunningReactor } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { delay, waitFor } from '../support/polling';
import { appendEvents, NewEvent } from '../support/store';
import { integerBetween, planGroups, planStays, seededRandom, selectionEvent, stayEvents } from '../support/workload';

const GROUPS = 520;
const KILLS = 22;
type Phase = 'start' | 'catch-up' | 'mid-merge';
const PHASES: readonly Phase[] = ['start', 'catch-up', 'mid-merge'];

/** Scenario 2: the reactor SIGKILLed at random moments (start, catch-up, mid-merge) and restarted each time. */
export async function crashScenario(harness: FaultHarness, seed: number): Promise<void> {
  const random = seededRandom(seed);
  const db = await harness.database();
  const stays = planStays(random, GROUPS * 6);
  const groups = planGroups(random, stays.map((s) => s.stayId), GROUPS, 1, 10, 0.1);
  const usedStays = new Set(groups.flatMap((g) => g.stayIds));
  await appendInChunks(db.pool, stays.filter((s) => usedStays.has(s.stayId)).flatMap(stayEvents));
  const waves = chunk(groups.map(selectionEvent), Math.ceil(GROUPS / (KILLS + 2)));
  const observed: Record<string, number> = { start: 0, 'catch-up': 0, 'mid-merge': 0, tail: 0 };
  for (let kill = 0; kill < KILLS; kill++) {
    const wanted = PHASES[kill % PHASES.length];
    const wave = waves.shift() ?? [];
    if (wanted !== 'mid-merge') await appendEvents(db.pool, wave);
    const reactor = await harness.startReactor(`reactor#${kill}`, db.url, { ...settingsFor(wanted), CHECKPOINT_INTERVAL_MS: String(integerBetween(random, 100, 2000)) }, false);
    if (wanted === 'mid-merge') await appendEvents(db.pool, wave);
    observed[await killDuring(reactor, wanted, random)]++;
    await reactor.process.exited;
  }
  for (const wave of waves) await appendEvents(db.pool, wave);
  const final = await harness.startReactor('reactor#final', db.url);
  const convergedMs = await waitForConvergence(db.pool, 120_000);
  const status = (await reactorHealth(final.healthPort))?.reactor;
  figuresLine('crash', { seed, groups: GROUPS, stays: usedStays.size, kills: KILLS, killedDuring: observed, convergedMs, stuck: status?.stuck.length });
  await assertInvariants(db.pool, 'crash');
  if (!final.process.isAlive()) throw new Error(`crash: the final reactor died:\n${final.process.logTail()}`);
  await final.process.stop();
}

/** Small pages for a catch-up kill: a wave then takes many reads, so the reactor is caught with the tail ahead of it. */
function settingsFor(phase: Phase): Record<string, string> {
  return phase === 'catch-up' ? { BATCH_SIZE: '2', MAX_READ_AHEAD: '1' } : {};
}

/** Kills the reactor at a random moment of the wanted phase; answers the phase its health endpoint showed then. */
async function killDuring(reactor: RunningReactor, wanted: Phase, random: () => number): Promise<Phase | 'tail'> {
  if (wanted === 'start') await delay(integerBetween(random, 0, 700));
  else {
    await waitFor(`${reactor.process.label} to answer on its health port`, 60_000, async () => {
      if (!reactor.process.isAlive()) throw new Error(`${reactor.process.label} died on its own:\n${reactor.process.logTail()}`);
      const health = await reactorHealth(reactor.healthPort);
      const working = health?.reactor && (wanted === 'catch-up' || health.reactor.streamsInFlight > 0 || health.reactor.outcomes.completed > 0);
      return working ? true : undefined;
    }, 20);
    await delay(integerBetween(random, 0, wanted === 'catch-up' ? 150 : 400));
  }
  const health = await reactorHealth(reactor.healthPort);
  reactor.process.kill('SIGKILL');
  if (!health?.reactor) return 'start';
  if (!health.reactor.atTail) return 'catch-up';
  return health.reactor.streamsInFlight > 0 ? 'mid-merge' : 'tail';
}

async function appendInChunks(pool: Parameters<typeof appendEvents>[0], events: NewEvent[]): Promise<void> {
  for (const part of chunk(events, 2_000)) await appendEvents(pool, part);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
