import { waitForConvergence } from '../support/convergence';
import { FaultHarness, figuresLine } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { delay } from '../support/polling';
import { appendEvents } from '../support/store';
import { planGroups, planStays, seededRandom, selectionEvent, stayEvents } from '../support/workload';
import { seedGroups } from './replay';

const GROUPS = 300;

/**
 * Scenario 6: (a) two reactors with the same processor name at once; (b) a consumer group of two members, one of them
 * SIGKILLed mid-work and restarted.
 */
export async function scaleOutScenario(harness: FaultHarness, seed: number): Promise<void> {
  const twins = await harness.database();
  const same = { PROCESSOR_NAME: 'Twins' };
  await Promise.all([harness.startReactor('twin-a', twins.url, same), harness.startReactor('twin-b', twins.url, same)]);
  await seedGroups(twins.pool, seed, GROUPS);
  const twinsMs = await waitForConvergence(twins.pool, 90_000);
  const twinFigures = await assertInvariants(twins.pool, 'scale-out: same processor twice');

  const members = await harness.database();
  const member = (i: number) => ({ PROCESSOR_NAME: 'Members', CONSUMER_GROUP_MEMBER: String(i), CONSUMER_GROUP_SIZE: '2' });
  const [, second] = await Promise.all([harness.startReactor('member-0', members.url, member(0)), harness.startReactor('member-1', members.url, member(1))]);
  const random = seededRandom(seed + 1);
  const stays = planStays(random, GROUPS * 4);
  const plan = planGroups(random, stays.map((s) => s.stayId), GROUPS, 1, 6, 0.15);
  const used = new Set(plan.flatMap((g) => g.stayIds));
  await appendEvents(members.pool, stays.filter((s) => used.has(s.stayId)).flatMap(stayEvents));
  const half = Math.floor(plan.length / 2);
  await appendEvents(members.pool, plan.slice(0, half).map(selectionEvent));
  await delay(150);
  second.process.kill('SIGKILL');
  await second.process.exited;
  await appendEvents(members.pool, plan.slice(half).map(selectionEvent));
  const restarted = await harness.startReactor('member-1#restarted', members.url, member(1));
  const membersMs = await waitForConvergence(members.pool, 90_000);
  const memberFigures = await assertInvariants(members.pool, 'scale-out: consumer group of two');
  figuresLine('scale-out', { groups: GROUPS, twinsConvergedMs: twinsMs, twinsMerged: twinFigures.merged, membersConvergedMs: membersMs, membersMerged: memberFigures.merged, restartedAlive: restarted.process.isAlive() });
}
