import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { reactorHealth, waitForConvergence } from '../support/convergence';
import { FaultHarness, figuresLine, RunningApi, RunningReactor } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { foldLedger } from '../support/ledger';
import { delay, waitFor } from '../support/polling';
import { httpJson } from '../support/processes';
import { FaultProxy } from '../support/proxy';
import { groupStream, readAllMessages, stayStream } from '../support/store';
import { ApiAnswer, apiClient } from '../support/workload';

const STORE_TIMEOUT_MS = 2_000;
const OUTAGE_MS = 10_000;
const ANSWER_MARGIN_MS = 1_000;
const MAX_CLERK_OPS = 6_000;

interface Attempt {
  readonly what: string;
  readonly startedAt: number;
  readonly answer: ApiAnswer;
}

/** Scenario 3: PostgreSQL refused, then black-holed, for ~10 s each while clerks keep working. */
export async function outageScenario(harness: FaultHarness): Promise<void> {
  const db = await harness.database();
  const proxy = await FaultProxy.start(db.url);
  harness.onDispose(() => proxy.close());
  try {
    const api = await harness.startApi('api', proxy.url, { STORE_TIMEOUT_MS: String(STORE_TIMEOUT_MS) });
    const reactor = await harness.startReactor('reactor', proxy.url, { RETRY_MAX_MS: '500' });
    const clerks = startClerks(api.baseUrl, 4);
    const findings: string[] = [];
    const windows: Record<string, unknown> = {};
    for (const fault of ['refuse', 'blackhole'] as const) {
      await delay(2_000);
      const from = Date.now();
      await (fault === 'refuse' ? proxy.refuse() : proxy.blackhole());
      const unready = await observeUnready(api, reactor, OUTAGE_MS);
      await delay(Math.max(0, from + OUTAGE_MS - Date.now()));
      await proxy.forward();
      const until = Date.now();
      const recoveredMs = await timeToReady(api, reactor, 45_000, findings, fault);
      windows[fault] = { ...unready, recoveredMs, ...judgeAnswersDuring(clerks.attempts, from, until, fault, findings) };
      if (unready.apiUnreadyMs === undefined) findings.push(`${fault}: the API's /health/ready never failed during the outage`);
      if (unready.reactorUnreadyMs === undefined) findings.push(`${fault}: the reactor's /health/ready never failed during the outage`);
    }
    await delay(1_000);
    await clerks.stop();
    for (const app of [api.process, reactor.process]) if (!app.isAlive()) findings.push(`${app.label} died:\n${app.logTail()}`);
    const convergedMs = await waitForConvergence(db.pool, 60_000);
    const lost = await acknowledgedButMissing(db.pool, clerks.acknowledged);
    figuresLine('outage', { windows, attempts: clerks.attempts.length, acknowledged: clerks.acknowledged.length, lost: lost.length, convergedMs });
    findings.push(...lost.map((l) => `acknowledged but not in the store: ${l}`));
    await assertInvariants(db.pool, 'outage');
    if (findings.length > 0) throw new Error(`outage: ${findings.length} finding(s):\n  ${findings.slice(0, 12).join('\n  ')}`);
  } finally {
    await proxy.close();
  }
}

interface Acknowledged {
  readonly kind: 'checkIn' | 'charge' | 'select';
  readonly stayId: string;
  readonly groupId?: string;
  readonly chargeId?: string;
}

/** Clerks check a guest in, charge, and select the stay into a new group, over and over (bounded in count). */
function startClerks(baseUrl: string, count: number) {
  const client = apiClient(baseUrl, 20_000);
  const attempts: Attempt[] = [];
  const acknowledged: Acknowledged[] = [];
  let running = true;
  const attempt = async (what: string, call: () => Promise<ApiAnswer>) => {
    const startedAt = Date.now();
    const answer = await call();
    attempts.push({ what, startedAt, answer });
    return answer.status >= 200 && answer.status < 300;
  };
  const clerk = async () => {
    while (running && attempts.length < MAX_CLERK_OPS) {
      const stayId = randomUUID();
      const chargeId = randomUUID();
      const groupId = randomUUID();
      // Pacing after a refusal only bounds the load while the store is away; no check depends on it.
      if (!(await attempt('check-in', () => client.checkIn(stayId)))) {
        await delay(50);
        continue;
      }
      acknowledged.push({ kind: 'checkIn', stayId });
      if (!(await attempt('charge', () => client.call('POST', `/stays/${stayId}/charges`, { chargeId, amount: 12.34 })))) continue;
      acknowledged.push({ kind: 'charge', stayId, chargeId });
      if (await attempt('select', () => client.select(groupId, [stayId]))) acknowledged.push({ kind: 'select', stayId, groupId });
    }
  };
  const done = Promise.all(Array.from({ length: count }, clerk));
  return { attempts, acknowledged, stop: () => ((running = false), done) };
}

async function observeUnready(api: RunningApi, reactor: RunningReactor, withinMs: number) {
  const from = Date.now();
  let apiUnreadyMs: number | undefined;
  let reactorUnreadyMs: number | undefined;
  let apiStatus: number | undefined;
  while (Date.now() - from < withinMs && (apiUnreadyMs === undefined || reactorUnreadyMs === undefined)) {
    const [apiAnswer, reactorAnswer] = await Promise.all([
      apiUnreadyMs === undefined ? httpJson(`${api.baseUrl}/health/ready`, {}, STORE_TIMEOUT_MS + ANSWER_MARGIN_MS) : undefined,
      reactorUnreadyMs === undefined ? reactorHealth(reactor.healthPort, '/health/ready') : undefined,
    ]);
    if (apiAnswer && apiAnswer.status !== 200) [apiUnreadyMs, apiStatus] = [Date.now() - from, apiAnswer.status];
    if (reactorAnswer && reactorAnswer.status !== 200) reactorUnreadyMs = Date.now() - from;
    await delay(200);
  }
  return { apiUnreadyMs, apiStatus, reactorUnreadyMs };
}

async function timeToReady(api: RunningApi, reactor: RunningReactor, timeoutMs: number, findings: string[], fault: string): Promise<number | undefined> {
  const from = Date.now();
  try {
    await waitFor(`both apps ready again after the ${fault} outage`, timeoutMs, async () => {
      const [a, r] = await Promise.all([httpJson(`${api.baseUrl}/health/ready`, {}, 3_000), reactorHealth(reactor.healthPort, '/health/ready')]);
      return a?.status === 200 && r?.status === 200 ? true : undefined;
    }, 200);
    return Date.now() - from;
  } catch (error) {
    findings.push(`${fault}: ${(error as Error).message}`);
    return undefined;
  }
}

/** Requests started while the store was away must answer 503 problem details within the store timeout (or succeed). */
function judgeAnswersDuring(attempts: readonly Attempt[], from: number, until: number, fault: string, findings: string[]) {
  const during = attempts.filter((a) => a.startedAt >= from && a.startedAt < until - STORE_TIMEOUT_MS);
  const counts = { during: during.length, answered503: 0, ok: 0, other: 0, slowestMs: 0 };
  for (const { what, answer } of during) {
    counts.slowestMs = Math.max(counts.slowestMs, answer.elapsedMs);
    if (answer.status >= 200 && answer.status < 300) counts.ok++;
    else if (answer.status === 503) {
      counts.answered503++;
      if (!answer.contentType.startsWith('application/problem+json')) findings.push(`${fault}: ${what} 503 as ${answer.contentType}`);
      if (answer.elapsedMs > STORE_TIMEOUT_MS + ANSWER_MARGIN_MS) findings.push(`${fault}: ${what} took ${answer.elapsedMs} ms to answer 503 (STORE_TIMEOUT_MS ${STORE_TIMEOUT_MS})`);
    } else {
      counts.other++;
      findings.push(`${fault}: ${what} answered ${answer.status || 'nothing'} after ${answer.elapsedMs} ms: ${JSON.stringify(answer.body).slice(0, 200)}`);
    }
  }
  if (during.length === 0) findings.push(`${fault}: no request was attempted during the outage`);
  return counts;
}

async function acknowledgedButMissing(pool: pg.Pool, acknowledged: readonly Acknowledged[]): Promise<string[]> {
  const ledger = foldLedger(await readAllMessages(pool));
  return acknowledged.flatMap((ack) => {
    const stay = ledger.stays.get(stayStream(ack.stayId));
    if (ack.kind === 'checkIn' && !stay?.checkedIn) return [`check-in of ${stayStream(ack.stayId)}`];
    if (ack.kind === 'charge' && !stay?.chargeIds.has(ack.chargeId!)) return [`charge ${ack.chargeId} on ${stayStream(ack.stayId)}`];
    if (ack.kind === 'select' && !ledger.groups.get(groupStream(ack.groupId!))?.selected.has(ack.stayId)) {
      return [`selection of ${ack.stayId} into ${groupStream(ack.groupId!)}`];
    }
    return [];
  });
}
