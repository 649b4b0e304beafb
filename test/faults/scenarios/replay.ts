import pg from 'pg';
import { waitForConvergence, waitUntilIdleAtTail } from '../support/convergence';
import { FaultHarness, figuresLine } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { appendEvents, checkpointRows, lastCategoryPosition, totalMessages } from '../support/store';
import { planGroups, planStays, seededRandom, selectionEvent, stayEvents } from '../support/workload';

const GROUPS = 200;

/** Seeds stays and groups by SQL, in the product's wire format. */
export async function seedGroups(pool: pg.Pool, seed: number, groups: number) {
  const random = seededRandom(seed);
  const stays = planStays(random, groups * 4);
  const plan = planGroups(random, stays.map((s) => s.stayId), groups, 1, 6, 0.15);
  const used = new Set(plan.flatMap((g) => g.stayIds));
  await appendEvents(pool, stays.filter((s) => used.has(s.stayId)).flatMap(stayEvents));
  await appendEvents(pool, plan.map(selectionEvent));
  return { plan, stays: used.size };
}

/** Scenario 5: the checkpoint reset to 0, then deleted: a reactor going over everything again writes nothing. */
export async function replayScenario(harness: FaultHarness, seed: number): Promise<void> {
  const db = await harness.database();
  await seedGroups(db.pool, seed, GROUPS);
  const first = await harness.startReactor('reactor#first', db.url);
  await waitForConvergence(db.pool, 60_000);
  await waitUntilIdleAtTail(first.healthPort, await lastCategoryPosition(db.pool, 'GroupCheckout'), 30_000);
  await first.process.stop();
  const settled = await totalMessages(db.pool);
  const committed = await checkpointRows(db.pool);
  const replays: Record<string, number> = {};
  for (const [label, reset] of [
    ['reset to 0', 'UPDATE public.propulsion_checkpoint SET position = 0'],
    ['deleted', 'DELETE FROM public.propulsion_checkpoint'],
  ] as const) {
    await db.pool.query(reset);
    const reactor = await harness.startReactor(`reactor#${label}`, db.url);
    const lastGroupPosition = await lastCategoryPosition(db.pool, 'GroupCheckout');
    const status = await waitUntilIdleAtTail(reactor.healthPort, lastGroupPosition, 60_000);
    await reactor.process.stop();
    replays[label] = (await totalMessages(db.pool)) - settled;
    replays[`${label}: handled`] = status.outcomes.completed;
  }
  figuresLine('replay', { groups: GROUPS, messages: settled, checkpointBefore: committed, newEventsAfter: replays });
  await assertInvariants(db.pool, 'replay');
  const written = Object.entries(replays).filter(([k, n]) => !k.includes('handled') && n !== 0);
  if (written.length > 0) throw new Error(`replay: replaying wrote new events: ${written.map(([k, n]) => `${k}: ${n}`).join(', ')}`);
}
