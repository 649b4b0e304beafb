import { randomUUID } from 'node:crypto';
import { reactorHealth, waitForConvergence } from '../support/convergence';
import { FaultHarness, figuresLine, RunningReactor } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { foldLedger } from '../support/ledger';
import { waitFor } from '../support/polling';
import { appendEvents, groupStream, readAllMessages, stayStream } from '../support/store';
import { planGroups, planStays, seededRandom, selectionEvent, stayEvents } from '../support/workload';

const ORDINARY_GROUPS = 120;
const RSS_LIMIT_KIB = 400 * 1024;
const RSS_GROWTH_LIMIT_KIB = 120 * 1024;
const POISONS = [
  { label: 'chargeId not a uuid', data: { amount: 10, at: new Date().toISOString(), chargeId: 'not-a-uuid' } },
  { label: 'body is a JSON array', data: [1, 2, 3] },
  { label: 'amount is a string', data: { amount: 'ten', at: new Date().toISOString(), chargeId: randomUUID() } },
];

/** Scenario 7: stays whose streams hold an event the codec refuses, selected with good stays into groups. */
export async function poisonScenario(harness: FaultHarness, seed: number): Promise<void> {
  const random = seededRandom(seed + 7);
  const db = await harness.database();
  const findings: string[] = [];
  const good = planStays(random, POISONS.length * 3);
  const bad = POISONS.map(() => randomUUID());
  const poisoned = POISONS.map((_, i) => ({ groupId: randomUUID(), stayIds: [...good.slice(i * 3, i * 3 + 3).map((s) => s.stayId), bad[i]] }));
  await appendEvents(db.pool, [
    ...good.flatMap(stayEvents),
    ...bad.flatMap((stayId, i) => [
      { stream: stayStream(stayId), type: 'CheckedIn', data: { at: new Date().toISOString() } },
      { stream: stayStream(stayId), type: 'Charged', data: POISONS[i].data },
    ]),
  ]);
  await appendEvents(db.pool, poisoned.map(selectionEvent));
  const stays = planStays(random, ORDINARY_GROUPS * 4);
  const ordinary = planGroups(random, stays.map((s) => s.stayId), ORDINARY_GROUPS, 1, 6, 0.1);
  const used = new Set(ordinary.flatMap((g) => g.stayIds));
  await appendEvents(db.pool, stays.filter((s) => used.has(s.stayId)).flatMap(stayEvents));
  await appendEvents(db.pool, ordinary.map(selectionEvent));

  const reactor = await harness.startReactor('reactor', db.url, { BATCH_SIZE: '5', MAX_READ_AHEAD: '2', STUCK_THRESHOLD: '3', RETRY_MAX_MS: '300' });
  const rss = sampleRss(reactor);
  const unreadable = new Set(bad);
  const convergedMs = await waitForConvergence(db.pool, 60_000, unreadable).catch((error: Error) => void findings.push(`before repair: ${error.message}`));
  const ledger = foldLedger(await readAllMessages(db.pool));
  for (const group of poisoned) {
    const merged = group.stayIds.slice(0, 3).filter((stayId) => ledger.groups.get(groupStream(group.groupId))?.merged.has(stayId));
    if (merged.length !== 3) findings.push(`${groupStream(group.groupId)}: ${merged.length} of its 3 good stays merged (StaysMerged missing) beside unreadable ${stayStream(group.stayIds[3])}`);
  }
  const stuck = await stuckReport(reactor, poisoned.map((g) => g.groupId), bad, findings);
  await assertInvariants(db.pool, 'poison (before repair)', { unreadableStays: unreadable }).catch((error: Error) => void findings.push(error.message));

  const { rows } = await db.pool.query(`SELECT id FROM message_store.messages WHERE stream_name = ANY($1) AND type = 'Charged'`, [bad.map(stayStream)]);
  for (const { id } of rows) {
    await db.pool.query('UPDATE message_store.messages SET data = $1 WHERE id = $2', [JSON.stringify({ amount: 10, at: new Date().toISOString(), chargeId: randomUUID() }), id]);
  }
  const repairedMs = await waitForConvergence(db.pool, 60_000).catch((error: Error) => void findings.push(`after repair: ${error.message}`));
  const readyAgain = await waitFor('reactor ready after the repair', 30_000, async () => ((await reactorHealth(reactor.healthPort, '/health/ready'))?.status === 200 ? true : undefined), 200)
    .then(() => true, () => false);
  if (!readyAgain) findings.push('the reactor stayed not ready after the bad events were repaired');
  const memory = rss.stop();
  if (memory.peakKib > RSS_LIMIT_KIB) findings.push(`reactor RSS peaked at ${memory.peakKib} KiB (limit ${RSS_LIMIT_KIB})`);
  if (memory.peakKib - memory.firstKib > RSS_GROWTH_LIMIT_KIB) findings.push(`reactor RSS grew from ${memory.firstKib} to ${memory.peakKib} KiB`);
  figuresLine('poison', { ordinaryGroups: ORDINARY_GROUPS, poisonedGroups: poisoned.length, unreadableStays: bad.length, convergedMs, stuck, repairedMs, readyAgain, rss: memory, repairedMessages: rows.length });
  await assertInvariants(db.pool, 'poison (after repair)').catch((error: Error) => void findings.push(error.message));
  if (findings.length > 0) throw new Error(`poison: ${findings.length} finding(s):\n  ${findings.join('\n  ')}`);
}

/** The stuck streams the reactor reports must name each poisoned group (or its unreadable stay); readiness must fail. */
async function stuckReport(reactor: RunningReactor, groupIds: string[], badStays: string[], findings: string[]) {
  const names = (i: number) => [groupStream(groupIds[i]), stayStream(badStays[i])];
  let reported: string[] = [];
  let readyStatus: number | undefined;
  const allReported = await waitFor('every poisoned group reported stuck', 30_000, async () => {
    const health = await reactorHealth(reactor.healthPort);
    reported = (health?.reactor?.stuck ?? []).map((s) => `${s.streamName} ${s.lastError}`);
    readyStatus = (await reactorHealth(reactor.healthPort, '/health/ready'))?.status;
    const named = groupIds.every((_, i) => reported.some((r) => names(i).some((n) => r.includes(n))));
    return named && readyStatus === 503 ? true : undefined;
  }, 250).then(() => true, () => false);
  if (!allReported) findings.push(`stuck streams not reported as expected (ready answered ${readyStatus}); reported: ${JSON.stringify(reported).slice(0, 600)}`);
  return { reported: reported.length, readyStatus };
}

function sampleRss(reactor: RunningReactor) {
  const samples: number[] = [];
  const timer = setInterval(() => {
    const kib = reactor.process.rssKib();
    if (kib !== undefined) samples.push(kib);
  }, 500);
  return {
    stop: () => {
      clearInterval(timer);
      return { samples: samples.length, firstKib: samples[0] ?? 0, peakKib: Math.max(0, ...samples), lastKib: samples.at(-1) ?? 0 };
    },
  };
}
